// What the labs say about keepalived 2.2.7 and nginx 1.22.1, asserted against the real daemons in the lab
// image. Two nodes on a labelled bridge network of this file's own; everything is removed in afterAll.
// When a lab text and the daemon disagree, this file is where it shows: it pins what the daemon does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { requireDockerAndImage } from '../helpers/integration.js';
import { parseKeepalivedJson } from '../../electron/probes/vrrp.js';

const RUN = `halab-claims-${process.pid}`;
const NET = `${RUN}-net`;
const LB1 = `${RUN}-lb01`;
const LB2 = `${RUN}-lb02`;
const LABELS = ['--label', 'io.halab.test=daemon-claims', '--label', `io.halab.test.run=${RUN}`];
// The capabilities a lab node gets (containers/smoke-test.sh explains each one); never --privileged.
const CAPS = ['--cap-drop', 'ALL', ...['NET_ADMIN', 'NET_RAW', 'SETUID', 'SETGID', 'CHOWN', 'KILL', 'DAC_OVERRIDE', 'FOWNER'].flatMap((c) => ['--cap-add', c])];

let vip = '';
let prefix = 0;

function docker(args: string[], input?: string, timeout = 30_000) {
  const r = spawnSync('docker', args, { encoding: 'utf8', input, timeout });
  return { rc: r.status ?? -1, out: r.stdout ?? '', err: r.stderr ?? '' };
}
const sh = (node: string, cmd: string, input?: string) => docker(['exec', '-i', node, 'bash', '-c', cmd], input);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, seconds: number, ok: () => boolean): Promise<void> {
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    if (ok()) return;
    await sleep(150);
  }
  throw new Error(`timed out after ${seconds} s waiting for: ${what}`);
}

function holdsVip(node: string): boolean {
  const r = sh(node, 'ip -j -4 addr show');
  if (r.rc !== 0) return false;
  const links = JSON.parse(r.out) as { addr_info?: { local: string }[] }[];
  return links.some((l) => (l.addr_info ?? []).some((a) => a.local === vip));
}
const holders = () => [LB1, LB2].filter(holdsVip).map((n) => n.slice(-4));

/** keepalived's own state dump on the node: VI_1's state and received adverts, or none when it is not running. */
function vrrpState(node: string): { state: string; advertRcvd: number } | undefined {
  const r = sh(node, 'halab-vrrp-json');
  return r.rc === 0 ? parseKeepalivedJson(r.out)[0] : undefined;
}

function conf(state: string, priority: number | string, extra = '', authPass = '1111'): string {
  return `vrrp_instance VI_1 {
    state ${state}
    interface eth0
    virtual_router_id 51
    priority ${priority}
    advert_int 1
${extra}    authentication {
        auth_type PASS
        auth_pass ${authPass}
    }
    virtual_ipaddress {
        ${vip}/${prefix}
    }
}
`;
}

/** keepalived -t on a file written into lb01. */
function check(text: string): { rc: number; err: string } {
  const r = sh(LB1, 'cat >/tmp/claims.conf && keepalived -t -f /tmp/claims.conf', text);
  return { rc: r.rc, err: r.err };
}

function install(node: string, text: string): void {
  expect(sh(node, 'cat >/etc/keepalived/keepalived.conf', text).rc).toBe(0);
}

/** Epoch seconds of the VIP's last add ("") or removal ("Deleted ") in the node's address-event log. */
function addrEvent(node: string, kind: 'add' | 'del'): number | undefined {
  const lines = sh(node, 'cat /var/log/halab/addr.log').out.split('\n');
  let t: number | undefined;
  for (const l of lines) {
    const m = /^\[([\d-]+T[\d:.]+)\] (Deleted )?\d+: eth0\s+inet (\S+)\//.exec(l);
    if (m && m[3] === vip && (m[2] ? 'del' : 'add') === kind) t = Date.parse(`${m[1]}Z`) / 1000;
  }
  return t;
}

/** VRRP adverts seen by lb02's tcpdump: [epoch seconds, source, priority]. */
function adverts(): [number, string, number][] {
  return sh(LB2, 'cat /tmp/vrrp.log')
    .out.split('\n')
    .flatMap((l) => {
      const m = /^(\d+\.\d+) IP (\S+) > 224\.0\.0\.18: VRRPv2, Advertisement, vrid 51, prio (\d+)/.exec(l);
      return m ? [[Number(m[1]), m[2], Number(m[3])] as [number, string, number]] : [];
    });
}

/** Starts lb02's VRRP capture afresh (bounded: tcpdump stops itself after 120 s). */
function capture(): void {
  sh(LB2, 'pkill -x tcpdump; : >/tmp/vrrp.log; (setsid timeout 120 tcpdump -tt -n -l -i eth0 ip proto 112 >/tmp/vrrp.log 2>/dev/null &)');
}

async function pairWithLb01Master(): Promise<void> {
  if (!/keepalived/.test(sh(LB2, 'pgrep -a keepalived').out)) expect(sh(LB2, 'systemctl start keepalived').rc).toBe(0);
  if (!/keepalived/.test(sh(LB1, 'pgrep -a keepalived').out)) expect(sh(LB1, 'systemctl start keepalived').rc).toBe(0);
  // lb01 (150) preempts lb02 (100): at most Master_Down_Interval plus start-up.
  await waitFor('lb01 alone holds the VIP', 15, () => holders().join() === 'lb01');
  // lb02 is a backup that has heard the new master (a backup that was master leaves that state only on
  // lb01's higher-priority advert; a freshly started one counts what it received).
  await waitFor('lb02 in BACKUP, having received an advert', 10, () => {
    const v = vrrpState(LB2);
    return v?.state === 'BACKUP' && v.advertRcvd > 0;
  });
}

const ip = (node: string) => docker(['inspect', '-f', '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', node]).out.trim();

/** Restarts lb02's capture and waits until it has recorded `count` adverts of lb01 (it is live). */
async function captureLb01Adverts(count: number): Promise<void> {
  capture();
  const lb01Ip = ip(LB1);
  await waitFor(`${count} adverts of lb01 captured on lb02`, 10, () => adverts().filter(([, src, prio]) => src === lb01Ip && prio > 0).length >= count);
}

/** Waits until the node's address log records the VIP added after `since` (epoch seconds), and returns when. */
async function vipAddedAfter(node: string, since: number | undefined): Promise<number> {
  let at: number | undefined;
  await waitFor(`the VIP's addition in ${node}'s address log`, 5, () => {
    at = addrEvent(node, 'add');
    return at !== undefined && (since === undefined || at > since);
  });
  return need(at, 'the VIP added');
}

function need<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`not seen: ${what}`);
  return v;
}

const log = (node: string) => sh(node, 'cat /var/log/messages').out;
const figures: string[] = [];

describe('keepalived 2.2.7 and nginx 1.22.1 do what the labs say', () => {
  beforeAll(async () => {
    const tag = await requireDockerAndImage();
    // A normal bridge without masquerading: VRRP multicast crosses it, nothing reaches the outside.
    expect(docker(['network', 'create', ...LABELS, '-o', 'com.docker.network.bridge.enable_ip_masquerade=false', NET]).rc).toBe(0);
    const subnet = docker(['network', 'inspect', '-f', '{{range .IPAM.Config}}{{.Subnet}}{{end}}', NET]).out.trim();
    const m = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(subnet);
    expect(m, `subnet ${subnet}`).not.toBeNull();
    const [, base = '', bits = ''] = m ?? [];
    const n = base.split('.').reduce((a, o) => a * 256 + Number(o), 0) + 100;
    vip = [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
    prefix = Number(bits);
    for (const [name, host] of [
      [LB1, 'lb01'],
      [LB2, 'lb02'],
    ] as const) {
      const r = docker(['run', '-d', '--name', name, '--hostname', host, ...LABELS, '--network', NET, ...CAPS, '--memory', '256m', '--pids-limit', '256', tag]);
      expect(r.rc, r.err).toBe(0);
    }
    for (const node of [LB1, LB2]) await waitFor(`${node} ready`, 20, () => sh(node, 'grep -q ready /var/log/halab/init.log').rc === 0);
  });

  afterAll(() => {
    const ids = docker(['ps', '-aq', '--filter', `label=io.halab.test.run=${RUN}`])
      .out.split('\n')
      .filter(Boolean);
    if (ids.length) docker(['rm', '-f', ...ids]);
    docker(['network', 'rm', NET]);
    process.stdout.write(`daemon claims, measured:\n${figures.map((f) => `  ${f}\n`).join('')}`);
  });

  describe('keepalived -t -f FILE', () => {
    it('accepts a correct file (exit 0)', () => {
      const r = check(conf('MASTER', 100));
      expect(r, r.err).toEqual({ rc: 0, err: '' });
    });

    it('a misspelt state is an error: exit 5, "unknown state ... defaulting to BACKUP"', () => {
      const r = check(conf('MASTR', 100));
      expect(r.rc).toBe(5);
      expect(r.err).toContain("(/tmp/claims.conf: Line 2) (VI_1) unknown state 'MASTR', defaulting to BACKUP");
    });

    it('an auth_pass longer than 8 characters is truncated, and that counts as an error: exit 5', () => {
      const r = check(conf('MASTER', 100, '', '123456789'));
      expect(r.rc).toBe(5);
      expect(r.err).toContain('(/tmp/claims.conf: Line 9) Truncating auth_pass to 8 characters');
    });

    it('a missing file exits 0 and only says so on stderr; an empty file exits 0 silently', () => {
      const missing = sh(LB1, 'keepalived -t -f /tmp/no-such-file.conf');
      expect(missing.rc).toBe(0);
      expect(missing.err).toContain("Config files missing '/tmp/no-such-file.conf'.");
      expect(check('')).toEqual({ rc: 0, err: '' });
    });

    it('an unknown keyword: exit 5, with its line number', () => {
      const r = check(conf('MASTER', 100).replace('    priority', '    priorty'));
      expect(r.rc).toBe(5);
      expect(r.err).toContain("(/tmp/claims.conf: Line 5) Unknown keyword 'priorty'");
    });

    it('priority 255 is accepted; 256 (and 0) are refused with exit 5 and replaced by 100', () => {
      expect(check(conf('MASTER', 255))).toEqual({ rc: 0, err: '' });
      for (const p of [256, 0]) {
        const r = check(conf('MASTER', p));
        expect(r.rc).toBe(5);
        expect(r.err).toContain(`(/tmp/claims.conf: Line 5) number '${p}' outside range [1, 255]`);
        expect(r.err).toContain('(VI_1) Priority not valid! must be between 1 & 255. Using default 100');
      }
    });

    it('nopreempt with state MASTER is cleared with a warning, and -t counts it as an error: exit 5', () => {
      const r = check(conf('MASTER', 100, '    nopreempt\n'));
      expect(r.rc).toBe(5);
      expect(r.err).toContain('(VI_1) Warning - nopreempt will not work with initial state MASTER - clearing');
    });
  });

  it('the running daemon logs the nopreempt warning too, and still starts', async () => {
    install(LB1, conf('MASTER', 150, '    nopreempt\n'));
    expect(sh(LB1, 'systemctl start keepalived').rc).toBe(0);
    await waitFor('lb01 holds the VIP', 10, () => holdsVip(LB1));
    expect(log(LB1)).toContain('Keepalived_vrrp');
    expect(log(LB1)).toContain('(VI_1) Warning - nopreempt will not work with initial state MASTER - clearing');
    expect(sh(LB1, 'systemctl stop keepalived').rc).toBe(0);
    await waitFor('lb01 has released the VIP', 10, () => !holdsVip(LB1));
    install(LB1, conf('MASTER', 150));
    install(LB2, conf('BACKUP', 100));
  });

  it('a graceful stop sends priority 0: the backup takes over after its skew time only', async () => {
    await pairWithLb01Master();
    await captureLb01Adverts(1);
    const addedBefore = addrEvent(LB2, 'add');
    expect(sh(LB1, 'systemctl stop keepalived').rc).toBe(0);
    await waitFor('lb02 alone holds the VIP', 10, () => holders().join() === 'lb02');
    const took = await vipAddedAfter(LB2, addedBefore);
    await waitFor('a priority-0 advert from lb01 in the capture', 5, () => adverts().some(([, , p]) => p === 0));
    const zero = adverts().find(([, , p]) => p === 0);
    const gap = took - need(zero, 'a priority-0 advert')[0];
    figures.push(`graceful stop: priority-0 advert -> VIP on lb02 ${gap.toFixed(3)} s (Skew_Time for priority 100: 0.609 s)`);
    // Skew = (256-100)/256 = 0.609 s. Below: the capture and the address log read one clock, a few ms apart.
    // Above: keepalived's timer, the netlink add and two containers sharing a busy 2-core host: 0.6 s of slack.
    expect(gap).toBeGreaterThan(0.55);
    expect(gap).toBeLessThan(1.2);
    expect(log(LB1)).toContain('(VI_1) sent 0 priority');
    expect(log(LB2)).toContain('(VI_1) Backup received priority 0 advertisement');
  });

  it('SIGKILL of the main pid: the VRRP child stops gracefully (priority 0), the VIP leaves the old master', async () => {
    await pairWithLb01Master();
    await captureLb01Adverts(1);
    const before = log(LB2).split('Backup received priority 0 advertisement').length;
    const addedBefore = addrEvent(LB2, 'add');
    expect(sh(LB1, 'kill -9 "$(cat /run/keepalived.pid)"').rc).toBe(0);
    await waitFor('lb02 alone holds the VIP', 10, () => holders().join() === 'lb02');
    await waitFor('no keepalived left on lb01', 5, () => sh(LB1, 'pgrep -x keepalived').rc === 1);
    const took = await vipAddedAfter(LB2, addedBefore);
    const zero = adverts().find(([, , p]) => p === 0);
    expect(zero, 'a priority-0 advert from lb01').toBeDefined();
    const gap = took - need(zero, 'a priority-0 advert')[0];
    figures.push(`SIGKILL of the main pid: priority-0 advert -> VIP on lb02 ${gap.toFixed(3)} s`);
    expect(gap).toBeGreaterThan(0.55); // the same bounds as a graceful stop: it is one
    expect(gap).toBeLessThan(1.2);
    expect(log(LB2).split('Backup received priority 0 advertisement').length).toBe(before + 1);
    expect(log(LB1)).toMatch(/Keepalived_vrrp\[\d+\]: Stopped - used/);
  });

  it('killing only the VRRP child: the parent respawns it', async () => {
    await pairWithLb01Master();
    const parent = sh(LB1, 'cat /run/keepalived.pid').out.trim();
    const child = sh(LB1, `pgrep -P ${parent}`).out.trim();
    expect(child).toMatch(/^\d+$/);
    expect(sh(LB1, `kill -9 ${child}`).rc).toBe(0);
    await waitFor('a new VRRP child', 10, () => /^\d+$/.test(sh(LB1, `pgrep -P ${parent}`).out.trim()) && sh(LB1, `pgrep -P ${parent}`).out.trim() !== child);
    const fresh = sh(LB1, `pgrep -P ${parent}`).out.trim();
    expect(log(LB1)).toContain(`Keepalived[${parent}]: Starting VRRP child process, pid=${fresh}`);
    // The new child starts in BACKUP (it removes the VIPs), then preempts lb02 again.
    expect(log(LB1)).toContain(`Keepalived_vrrp[${fresh}]: (VI_1) Entering BACKUP STATE (init)`);
    await waitFor('lb01 holds the VIP again', 15, () => holders().join() === 'lb01');
  });

  it('killall -9 keepalived: no goodbye, the backup waits Master_Down_Interval, and the VIP stays on the old master', async () => {
    await pairWithLb01Master();
    await captureLb01Adverts(2);
    const addedBefore = addrEvent(LB2, 'add');
    // Every keepalived process dies at once. A bare `killall -9` signals them one after another: on a busy
    // machine the VRRP child can be scheduled in between, take the SIGTERM its parent's death sends it,
    // and get a priority-0 advert out first. Stopped processes cannot: freeze them, then kill them.
    expect(sh(LB1, 'killall -STOP keepalived && killall -9 keepalived').rc).toBe(0);
    await waitFor('lb02 holds the VIP', 10, () => holdsVip(LB2));
    const took = await vipAddedAfter(LB2, addedBefore);
    expect(holders()).toEqual(['lb01', 'lb02']); // two holders
    const lb01Ip = ip(LB1);
    const mine = adverts().filter(([, src]) => src === lb01Ip);
    expect(mine.length).toBeGreaterThan(0);
    expect(
      mine.some(([, , p]) => p === 0),
      'no priority-0 advert',
    ).toBe(false);
    const gap = took - need(mine.at(-1), 'an advert from lb01')[0];
    figures.push(`killall -9 keepalived: last advert from lb01 -> VIP on lb02 ${gap.toFixed(3)} s (Master_Down_Interval 3.609 s)`);
    // The same bounds as a power loss (below): nothing was sent, so lb02 waits out its whole down timer.
    expect(gap).toBeGreaterThan(3.55);
    expect(gap).toBeLessThan(4.3);
    // Clean up the way a learner must: remove the stale VIP, then start keepalived again.
    expect(sh(LB1, `ip addr del ${vip}/${prefix} dev eth0`).rc).toBe(0);
  });

  it('a power loss (docker kill of the master): the backup takes over after Master_Down_Interval', async () => {
    await pairWithLb01Master();
    await captureLb01Adverts(2);
    const lb01Ip = ip(LB1);
    const addedBefore = addrEvent(LB2, 'add');
    const killedAt = Date.now() / 1000;
    expect(docker(['kill', LB1]).rc).toBe(0);
    await waitFor('lb02 holds the VIP', 10, () => holdsVip(LB2));
    const took = await vipAddedAfter(LB2, addedBefore);
    const mine = adverts().filter(([, src]) => src === lb01Ip);
    expect(mine.length).toBeGreaterThan(0);
    const gap = took - need(mine.at(-1), 'an advert from lb01')[0];
    const outage = took - killedAt;
    figures.push(`power loss: last advert from lb01 -> VIP on lb02 ${gap.toFixed(3)} s (Master_Down_Interval 3.609 s); docker kill -> VIP on lb02 ${outage.toFixed(3)} s`);
    // Master_Down_Interval = 3 x advert_int + (256 - 100)/256 = 3.609 s, counted from the last advert lb02 got.
    // Below: 3.609 less the few ms between tcpdump's and keepalived's receipt. Above: timer and netlink delays on a
    // busy shared host, up to ~0.7 s. From the kill itself the wait is shorter by the part of advert_int already
    // elapsed (0..1 s), so 2.6..4.3 s.
    expect(gap).toBeGreaterThan(3.55);
    expect(gap).toBeLessThan(4.3);
    expect(outage).toBeGreaterThan(2.55);
    expect(outage).toBeLessThan(4.4);
  });

  describe('nginx 1.22.1 reload', () => {
    const site = (listen: string, body: string, extra = '') => `server {\n    listen ${listen};\n${extra}    location / { return 200 "${body}\\n"; }\n}\n`;
    const get = (port: number) => sh(LB2, `curl -s --max-time 3 http://127.0.0.1:${port}/`).out.trim();
    const errors = () => sh(LB2, 'cat /var/log/nginx/error.log').out;

    beforeAll(async () => {
      expect(sh(LB2, 'rm -f /etc/nginx/sites-enabled/default; cat >/etc/nginx/conf.d/claims.conf', site('127.0.0.1:8080', 'v1')).rc).toBe(0);
      const r = sh(LB2, 'systemctl start nginx');
      expect(r.rc, r.err).toBe(0);
      await waitFor('nginx answers v1', 10, () => get(8080) === 'v1');
    });

    it('a broken file: `nginx -s reload` refuses to signal (exit 1); a HUP to the master keeps the old config', async () => {
      sh(LB2, 'cat >/etc/nginx/conf.d/claims.conf', site('127.0.0.1:8080', 'v2', '    locaton /x { }\n'));
      // `nginx -s` parses the files itself before signalling: a broken file stops it there.
      const r = sh(LB2, 'nginx -s reload');
      expect(r.rc).toBe(1);
      expect(r.err).toMatch(/\[emerg\] \d+#\d+: unknown directive "locaton" in \/etc\/nginx\/conf\.d\/claims\.conf:3/);
      expect(get(8080)).toBe('v1');
      // The master itself, given the same file by a HUP (what `kill -HUP` or a reload unit does), logs and keeps the old one.
      expect(sh(LB2, 'kill -HUP "$(cat /run/nginx.pid)"').rc).toBe(0);
      await waitFor('the reload error in error.log', 10, () => errors().includes('unknown directive "locaton"'));
      expect(errors()).toMatch(/\[emerg\] \d+#\d+: unknown directive "locaton" in \/etc\/nginx\/conf\.d\/claims\.conf:3/);
      expect(get(8080)).toBe('v1');
    });

    it('a changed listen port is picked up by a reload', async () => {
      sh(LB2, 'cat >/etc/nginx/conf.d/claims.conf', site('127.0.0.1:8081', 'v3'));
      expect(sh(LB2, 'nginx -s reload').rc).toBe(0);
      await waitFor('the new port answers v3', 10, () => get(8081) === 'v3');
      await waitFor('the old port is closed', 10, () => get(8080) === '');
    });

    it('a wildcard listen changed to one address on the same port: reload fails (bind 98), a restart applies it', async () => {
      sh(LB2, 'cat >/etc/nginx/conf.d/claims.conf', site('8085', 'v5'));
      expect(sh(LB2, 'nginx -s reload').rc).toBe(0);
      await waitFor('the wildcard port answers v5', 10, () => get(8085) === 'v5');
      sh(LB2, 'cat >/etc/nginx/conf.d/claims.conf', site('127.0.0.1:8085', 'v6'));
      expect(sh(LB2, 'nginx -s reload').rc).toBe(0);
      await waitFor('the bind error in error.log', 10, () => errors().includes('bind() to 127.0.0.1:8085 failed (98: Address already in use)'));
      // The master retries a busy address 5 times, 500 ms apart, then gives the reload up with this line.
      await waitFor('the master giving the reload up', 10, () => errors().includes('still could not bind()'));
      expect(get(8085)).toBe('v5');
      expect(sh(LB2, 'systemctl restart nginx').rc).toBe(0);
      await waitFor('after a restart, v6', 10, () => get(8085) === 'v6');
    });

    it('a listen address the node does not have: reload fails (bind 99) and the old config keeps serving', async () => {
      const absent = vip.replace(/\.\d+$/, '.201');
      sh(LB2, 'cat >/etc/nginx/conf.d/claims.conf', site(`${absent}:8082`, 'v4') + site('127.0.0.1:8083', 'v4'));
      expect(sh(LB2, 'nginx -s reload').rc).toBe(0);
      // An address that cannot be assigned is not retried: with this line the master has given the reload up.
      await waitFor('the bind error in error.log', 10, () => errors().includes(`bind() to ${absent}:8082 failed (99: Cannot assign requested address)`));
      expect(get(8085)).toBe('v6'); // the configuration of the restart before
      expect(get(8083)).toBe('');
      // A restart does not help: without ip_nonlocal_bind the address cannot be bound at all.
      expect(sh(LB2, 'nginx -t').rc).toBe(1);
    });
  });
});
