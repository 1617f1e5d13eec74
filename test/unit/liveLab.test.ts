// The live topology's sources wired to its reducer, on a fake runtime (no Docker): the engine's container
// events, one `ip monitor` stream and one address reading per running node, the nodes' address logs. Each test
// drives the nodes as the engine would and waits on the update the watchers get.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TopologyState } from '../../common/contract.js';
import type { ContainerHandle, ExecResult, ExecStream, RuntimeEvent } from '../../electron/runtime/containerRuntime.js';
import { useRuntime } from '../../electron/runtime/current.js';
import { LABEL } from '../../electron/docker/labels.js';
import { LiveLab } from '../../electron/topology/liveLab.js';
import type { RunningLab } from '../../electron/topology/manager.js';
import { stubRuntime } from '../helpers/stubRuntime.js';

const VIP = '10.0.0.3';
/** How `ip -ts` stamps a line: local time without a zone, microseconds (the nodes run in UTC). */
const stamp = (ms: number): string => `[${new Date(ms).toISOString().slice(0, 23)}000]`;
const addrLine = (ms: number, ip: string, deleted = false): string => `${stamp(ms)} ${deleted ? 'Deleted ' : ''}2: eth0    inet ${ip}/32 scope global eth0`;
const ok = (stdout: string): ExecResult => ({ exitCode: 0, stdout, stderr: '', ms: 1 });
const notRunning = (): Error => Object.assign(new Error('container is not running'), { statusCode: 409 });

/** One lab node as the engine and its kernel would answer. */
class FakeNode implements ContainerHandle {
  running = true;
  addrs: string[];
  log = '';
  /** execStream calls to refuse before the next one succeeds (a node caught mid-start). */
  refuseStreams = 0;
  readonly monitors = new Set<{ stdout: PassThrough; end: () => void }>();
  readonly kills: string[] = [];
  private nextPid = 100;

  constructor(
    readonly ref: string,
    own: string,
  ) {
    this.addrs = [own];
  }

  exec(argv: string[]): Promise<ExecResult> {
    if (!this.running) return Promise.reject(notRunning());
    const [cmd] = argv;
    if (cmd === 'ip') return Promise.resolve(ok(JSON.stringify([{ ifname: 'eth0', addr_info: this.addrs.map((local) => ({ family: 'inet', local })) }])));
    if (cmd === 'tail') return Promise.resolve(ok(this.log));
    if (cmd === 'halab-vrrp-json') return Promise.resolve({ exitCode: 3, stdout: '', stderr: '', ms: 1 }); // keepalived not running
    if (cmd === 'kill') {
      this.kills.push(argv[1] ?? '');
      for (const m of this.monitors) m.end();
      return Promise.resolve(ok(''));
    }
    return Promise.reject(new Error(`unexpected exec ${argv.join(' ')}`));
  }

  execStream(): Promise<ExecStream> {
    if (!this.running) return Promise.reject(notRunning());
    if (this.refuseStreams > 0) {
      this.refuseStreams--;
      return Promise.reject(notRunning());
    }
    const stdout = new PassThrough();
    let end = (): void => undefined;
    const ended = new Promise<void>((resolve) => {
      end = () => {
        this.monitors.delete(monitor);
        stdout.end();
        resolve();
      };
    });
    const monitor = { stdout, end };
    this.monitors.add(monitor);
    stdout.write(`pid ${this.nextPid++}\n`);
    return Promise.resolve({
      stdout,
      stderr: new PassThrough(),
      ended,
      close: () => {
        monitor.end();
      },
    });
  }

  /** The kernel changes an address: every monitor listening sees the line. */
  change(ms: number, ip: string, added: boolean): void {
    this.addrs = added ? [...this.addrs, ip] : this.addrs.filter((a) => a !== ip);
    for (const m of this.monitors) m.stdout.write(`${addrLine(ms, ip, !added)}\n`);
  }

  /** The container dies: its namespace and every exec in it go. */
  die(): void {
    this.running = false;
    this.addrs = this.addrs.filter((a) => a !== VIP);
    for (const m of [...this.monitors]) m.end();
  }

  execTty(): never {
    throw new Error('not used');
  }
  putArchive(): never {
    throw new Error('not used');
  }
  inspect(): never {
    throw new Error('not used');
  }
  start(): never {
    throw new Error('not used');
  }
  kill(): never {
    throw new Error('not used');
  }
  remove(): never {
    throw new Error('not used');
  }
}

/** A two-node lab on a runtime that lists the nodes and pushes the events the test emits. */
function fakeLab(): { lab: RunningLab; nodes: Record<'lb01' | 'lb02', FakeNode>; emit: (node: string, action: string) => void; endEvents: () => void } {
  const nodes = { lb01: new FakeNode('halab-t-lb01', '10.0.0.5'), lb02: new FakeNode('halab-t-lb02', '10.0.0.6') };
  let listener: { onEvent: (e: RuntimeEvent) => void; onEnd: () => void } | undefined;
  const fake = stubRuntime({
    listContainers: () =>
      Promise.resolve(Object.entries(nodes).map(([name, n]) => ({ id: n.ref, name: n.ref, labels: { [LABEL.role]: 'node', [LABEL.node]: name }, state: n.running ? 'running' : 'exited' }))),
    watchEvents: (_labels, onEvent, onEnd) => {
      listener = { onEvent, onEnd };
      return Promise.resolve({
        stop: () => {
          listener = undefined;
        },
      });
    },
  });
  const restore = useRuntime(fake);
  restores.push(restore);
  const specs = [
    { name: 'lb01', role: 'lb' as const, ip: '10.0.0.5', services: ['keepalived'], files: [] },
    { name: 'lb02', role: 'lb' as const, ip: '10.0.0.6', services: ['keepalived'], files: [] },
  ];
  const lab = {
    record: { instance: 't', lab: 'pair', createdAt: 'now' },
    pack: { manifest: { topology: { vips: [VIP], nodes: specs } } },
    nodes: specs,
    container: (node: string) => nodes[node as 'lb01' | 'lb02'],
  } as unknown as RunningLab;
  return {
    lab,
    nodes,
    emit: (node, action) => {
      listener?.onEvent({ action, labels: { [LABEL.node]: node }, at: Date.now() });
    },
    endEvents: () => {
      listener?.onEnd();
    },
  };
}

const restores: (() => void)[] = [];
const lives: LiveLab[] = [];

afterEach(async () => {
  await Promise.all(lives.splice(0).map((l) => l.stop()));
  for (const r of restores.splice(0)) r();
});

function startLive(lab: RunningLab, onLost = (): void => undefined): { live: LiveLab; updates: TopologyState[] } {
  const updates: TopologyState[] = [];
  const live = new LiveLab(
    lab,
    (s) => updates.push(s),
    onLost,
    () => undefined,
  );
  lives.push(live);
  return { live, updates };
}

const holders = (s: TopologyState | undefined): string[] | undefined => s?.vips.find((v) => v.vip === VIP)?.holders;
const nodeState = (s: TopologyState | undefined, node: string): string | undefined => s?.nodes.find((n) => n.name === node)?.state;

describe('live lab: sources into the reducer', () => {
  it('starts complete: node states, the addresses read after each monitor subscribed, and the logged history', async () => {
    const { lab, nodes } = fakeLab();
    const wonAt = Date.now() - 5000;
    nodes.lb01.addrs.push(VIP);
    nodes.lb01.log = `${addrLine(wonAt, VIP)}\n`;
    const { live } = startLive(lab);
    await live.start();
    const s = live.current();
    expect(s.nodes.map((n) => n.state)).toEqual(['running', 'running']);
    expect(holders(s)).toEqual(['lb01']);
    expect(s.timeline).toEqual([{ vip: VIP, from: null, to: 'lb01', at: wonAt, gapMs: null }]);
    expect([nodes.lb01.monitors.size, nodes.lb02.monitors.size]).toEqual([1, 1]);
  });

  it('follows a node that dies and starts again: the loss at the death, a new monitor, the VIP back', async () => {
    const { lab, nodes, emit } = fakeLab();
    nodes.lb01.addrs.push(VIP);
    const { live, updates } = startLive(lab);
    await live.start();
    nodes.lb01.die();
    emit('lb01', 'die');
    await vi.waitFor(() => {
      expect(nodeState(updates.at(-1), 'lb01')).toBe('exited');
    });
    expect(holders(updates.at(-1))).toEqual([]);
    expect(updates.at(-1)?.timeline.at(-1)).toMatchObject({ from: 'lb01', to: null });

    nodes.lb01.running = true;
    emit('lb01', 'start');
    await vi.waitFor(() => {
      expect(nodes.lb01.monitors.size).toBe(1);
    });
    await vi.waitFor(() => {
      expect(nodeState(updates.at(-1), 'lb01')).toBe('running');
    });
    const backAt = Date.now();
    nodes.lb01.change(backAt, VIP, true);
    await vi.waitFor(() => {
      expect(holders(updates.at(-1))).toEqual(['lb01']);
    });
    expect(updates.at(-1)?.timeline.at(-1)).toMatchObject({ from: 'lb01', to: 'lb01', at: backAt });
  });

  it('watches a node again when the engine refuses its monitor once, and when the monitor ends while it runs', async () => {
    const { lab, nodes } = fakeLab();
    nodes.lb02.refuseStreams = 1;
    const { live, updates } = startLive(lab);
    await live.start();
    expect(nodes.lb02.monitors.size).toBe(0);
    await vi.waitFor(
      () => {
        expect(nodes.lb02.monitors.size).toBe(1);
      },
      { timeout: 4000 },
    );
    // The engine drops the exec (not the node): a new monitor follows.
    for (const m of [...nodes.lb02.monitors]) m.end();
    await vi.waitFor(
      () => {
        expect(nodes.lb02.monitors.size).toBe(1);
      },
      { timeout: 4000 },
    );
    nodes.lb02.change(Date.now(), VIP, true);
    await vi.waitFor(() => {
      expect(holders(updates.at(-1))).toEqual(['lb02']);
    });
  });

  it("says when the engine's event stream ends, and stops the monitors inside the nodes", async () => {
    const { lab, nodes, endEvents } = fakeLab();
    const lost = vi.fn();
    const { live } = startLive(lab, lost);
    await live.start();
    endEvents();
    expect(lost).toHaveBeenCalledTimes(1);
    await live.stop();
    expect([nodes.lb01.kills, nodes.lb02.kills]).toEqual([['100'], ['100']]);
    expect([nodes.lb01.monitors.size, nodes.lb02.monitors.size]).toEqual([0, 0]);
  });
});
