// The protocol observer on real Docker: how it is fenced in, what it records of a real keepalived pair, the
// `protocol` check on that recording, and the live feed the Protocol tab reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProtocolFeed } from '../../common/contract.js';
import type { ArpEvent, AdvertEvent, ProtocolEvent } from '../../common/protocol/events.js';
import { evaluate } from '../../electron/checks/evaluate.js';
import { docker } from '../../electron/docker/client.js';
import { loadPack } from '../../electron/labs/loadPack.js';
import type { CheckSpec } from '../../electron/labs/schema.js';
import { RING_DIR } from '../../electron/protocol/captureFiles.js';
import { readCapture } from '../../electron/protocol/captureRing.js';
import { OBSERVER_CAPS, OBSERVER_MEMORY_BYTES, OBSERVER_NANO_CPUS, OBSERVER_PIDS_LIMIT } from '../../electron/topology/containerSpec.js';
import { ProtocolHub } from '../../electron/topology/liveProtocol.js';
import { down, up, type RunningLab } from '../../electron/topology/manager.js';
import { capabilityNames } from '../helpers/hostReach.js';
import { FIXTURE_PAIR, halab, isolateHome, leftovers, requireDockerAndImage } from '../helpers/integration.js';
import type { StreamRow } from '../../common/protocol/streamRows.js';

const INSTANCE = `it-obs-${process.pid}`;
let lab: RunningLab;
let vip: string;

/** Polls the observer's recording until `pick` finds what it wants: at most 40 readings over about 20 s. */
async function recorded<T>(pick: (events: ProtocolEvent[]) => T | undefined, what: string): Promise<T> {
  let last: ProtocolEvent[] = [];
  for (let i = 0; i < 40; i++) {
    const reading = await readCapture(lab.observer()?.container, lab.nodes);
    if (reading.ok) {
      last = reading.events;
      const found = pick(last);
      if (found !== undefined) return found;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the recording never showed ${what}; it has ${last.length} events, the last: ${JSON.stringify(last.slice(-3))}`);
}

const adverts = (events: ProtocolEvent[]): AdvertEvent[] => events.filter((e): e is AdvertEvent => e.kind === 'advert');
const garps = (events: ProtocolEvent[], from: string): ArpEvent[] => events.filter((e): e is ArpEvent => e.kind === 'arp' && e.gratuitous && e.targetIp === vip && e.from === from);

function protocolCheck(fields: Partial<Extract<CheckSpec, { kind: 'protocol' }>>): CheckSpec {
  return { id: 'p', kind: 'protocol', event: 'advert', expect: {}, title: { en: '', 'zh-CN': '' }, hint: { en: '', 'zh-CN': '' }, ...fields };
}

describe('the protocol observer', () => {
  beforeAll(async () => {
    isolateHome();
    await requireDockerAndImage();
    lab = await up(await loadPack(FIXTURE_PAIR), { instance: INSTANCE });
    vip = lab.pack.manifest.topology.vips[0] ?? '';
  });

  afterAll(async () => {
    await down(INSTANCE);
    expect(await leftovers(INSTANCE)).toEqual({ containers: 0, networks: 0 });
  });

  it('lives in the client namespace with only a raw socket, and tcpdump drops to its own user with no capability', async () => {
    const obs = lab.observer();
    expect(obs?.node).toBe('client');
    const id = (await obs?.container.inspect())?.id ?? '';
    const info = await docker().getContainer(id).inspect();
    const client = await docker().getContainer(lab.container('client').ref).inspect();
    expect(info.State.Running).toBe(true);
    expect(info.HostConfig.Privileged).toBe(false);
    expect(info.HostConfig.NetworkMode).toMatch(new RegExp(`^container:(${client.Id}|${lab.container('client').ref})$`));
    expect(info.HostConfig.CapDrop).toEqual(['ALL']);
    const capAdd = (info.HostConfig.CapAdd ?? []) as string[];
    expect([...capAdd].sort()).toEqual([...OBSERVER_CAPS].sort());
    expect(info.HostConfig.SecurityOpt).toContain('no-new-privileges');
    expect(info.HostConfig.ReadonlyRootfs).toBe(true);
    expect(info.HostConfig.Memory).toBe(OBSERVER_MEMORY_BYTES);
    expect(info.HostConfig.PidsLimit).toBe(OBSERVER_PIDS_LIMIT);
    expect(info.HostConfig.NanoCpus).toBe(OBSERVER_NANO_CPUS);
    expect(Object.keys(info.HostConfig.Tmpfs ?? {})).toEqual([RING_DIR]);
    const c = docker().getContainer(id);
    const run = async (script: string): Promise<string> => {
      const exec = await c.exec({ Cmd: ['bash', '-c', script], AttachStdout: true, AttachStderr: true });
      const stream = await exec.start({ hijack: true, stdin: false });
      const chunks: Buffer[] = [];
      stream.on('data', (b: Buffer) => chunks.push(b));
      await new Promise((r) => stream.on('end', r));
      // Docker's 8-byte frame headers are not text: drop their bytes (all below the tab).
      return Buffer.from(Buffer.concat(chunks).filter((b) => b > 8)).toString('latin1');
    };
    const status = await run('cat /proc/$(pgrep -x tcpdump | head -n 1)/status');
    expect(/^Uid:\s+(\d+)/m.exec(status)?.[1]).not.toBe('0');
    expect(capabilityNames(/^CapEff:\s*([0-9a-f]+)/m.exec(status)?.[1] ?? '')).toEqual([]);
    // The shell reports a failed redirection on its own stderr, which may arrive before or after stdout.
    for (const write of ['touch /halab-probe', 'echo 1 > /proc/sys/net/ipv4/ip_forward']) {
      const out = await run(`${write}; echo "exit $?"`);
      expect(out).toMatch(/Read-only file system/);
      expect(out).toMatch(/exit 1/);
    }
  });

  it('records the master adverts, then its priority-0 advert and the new master taking over with gratuitous ARP', async () => {
    // Two of them at least, so that the stream of steady adverts is there before lb01 stops.
    const first = await recorded((events) => {
      const mine = adverts(events).filter((a) => a.from === 'lb01');
      return mine.length >= 2 ? mine[0] : undefined;
    }, "lb01's adverts");
    expect(first).toMatchObject({ src: lab.nodes.find((n) => n.name === 'lb01')?.ip, version: 2, vrid: 51, priority: 150, intervalMs: 1000, auth: 'pass', vips: [vip] });
    const fromLb01 = protocolCheck({ vrid: 51, expect: { from: 'lb01', priority: 150 } });
    expect((await evaluate(lab, fromLb01)).passed).toBe(true);
    const fromLb02 = await evaluate(lab, protocolCheck({ vrid: 51, expect: { from: 'lb02' } }));
    expect(fromLb02.passed).toBe(false);
    expect(fromLb02.seen.en).toMatch(/from lb01 .*priority 150, VRRPv2, auth PASS, every 1\.00 s/);

    const stop = await lab.container('lb01').exec(['systemctl', 'stop', 'keepalived'], { timeoutMs: 15_000 });
    expect(stop.exitCode).toBe(0);
    const resigned = await recorded((events) => adverts(events).find((a) => a.from === 'lb01' && a.priority === 0), "lb01's priority-0 advert");
    const burst = await recorded((events) => {
      const g = garps(events, 'lb02').filter((e) => e.at > resigned.at);
      return g.length >= 5 ? g : undefined;
    }, 'the gratuitous ARPs of lb02');
    // keepalived 2.2.7 announces a new VIP with garp_master_repeat (5) gratuitous ARPs at once.
    const firstBurst = burst.filter((e) => e.at - (burst[0]?.at ?? 0) < 1000);
    expect(firstBurst).toHaveLength(5);
    const lb02First = await recorded((events) => adverts(events).find((a) => a.from === 'lb02' && a.at > resigned.at), "lb02's first advert");
    expect(lb02First).toMatchObject({ priority: 100, vrid: 51 });
    // The backup waits its skew time (256 - 100) / 256 s after the priority-0 advert; the two captures share one clock.
    expect(lb02First.at - resigned.at).toBeGreaterThan(609);

    expect((await evaluate(lab, protocolCheck({ vrid: 51, from: 'lb01', expect: { priority: 0 } }))).passed).toBe(true);
    expect((await evaluate(lab, protocolCheck({ event: 'garp', vip, expect: { from: 'lb02' } }))).passed).toBe(true);
    expect((await evaluate(lab, protocolCheck({ event: 'garp', vip, expect: { from: 'lb01' } }))).passed).toBe(false);
  });

  it('prints the same recording from the command line, grouped into rows, in both languages', () => {
    const json = halab(['protocol', INSTANCE, '--json']);
    expect(json.status, json.stderr).toBe(0);
    const { observer, rows } = JSON.parse(json.stdout) as { observer: string; rows: StreamRow[] };
    expect(observer).toBe('client');
    const lb01 = rows.filter((r) => r.kind === 'advert' && r.from === 'lb01');
    // A steady stream is one row that counts; the priority-0 advert opens a row of its own, marked as a change.
    expect(lb01[0]?.count).toBeGreaterThan(1);
    expect(lb01.at(-1)).toMatchObject({ count: 1, changed: ['priority'], event: { priority: 0 } });
    const text = halab(['protocol', INSTANCE, '--lang', 'zh-CN']);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/lb01 +通告 VRID 51 优先级 0 VRRPv2 认证 PASS 间隔 1\.00 秒/);
    expect(text.stdout).toMatch(/lb02 +免费 ARP：\S+ 对应 02:42:[0-9a-f:]+ +×5/);
  });

  it('feeds a watcher everything recorded so far, then each new advert, and says when the lab stops', async () => {
    const hub = new ProtocolHub(() => undefined);
    const feeds: ProtocolFeed[] = [];
    const since = Date.now();
    // Two watchers at once (two tabs): one live capture between them, beside the ring's own tcpdump.
    await Promise.all([hub.watch(INSTANCE, 'session-1', (f) => feeds.push(f)), hub.watch(INSTANCE, 'session-2', () => undefined)]);
    const captures = await lab.observer()?.container.exec(['bash', '-c', 'pgrep -c -x tcpdump']);
    expect(captures?.stdout.trim()).toBe('2');
    try {
      const history = feeds.find((f) => f.reset && f.capturing);
      expect(history, 'a first feed with the history').toBeDefined();
      expect(history?.observer).toBe('client');
      expect(adverts(history?.events ?? []).some((a) => a.from === 'lb01' && a.priority === 0)).toBe(true);
      for (let i = 0; i < 40 && !feeds.some((f) => !f.reset && adverts(f.events).some((a) => a.from === 'lb02' && a.at > since)); i++) await new Promise((r) => setTimeout(r, 250));
      const live = feeds.filter((f) => !f.reset).flatMap((f) => adverts(f.events));
      expect(live.some((a) => a.from === 'lb02' && a.at > since)).toBe(true);
      // No event twice: the live capture joins the recording after its last packet.
      const all = [...(history?.events ?? []), ...feeds.filter((f) => !f.reset).flatMap((f) => f.events)];
      expect(new Set(all.map((e) => `${e.kind}/${e.at}`)).size).toBe(all.length);
      hub.labStopped(INSTANCE);
      expect(feeds.at(-1)).toMatchObject({ capturing: false, problem: 'notRunning' });
    } finally {
      hub.closeAll();
    }
  });
});
