// The VIP gap after a power loss. Three balancers (150/120/100): lb01's keepalived is stopped (lb02 takes the VIP
// 0.53 s later), then lb02 loses power and lb03 takes over 3.31 s after that. A node without power logs no
// removal and cannot run a command, so the gap must come from what the engine kept: the stopped container's log
// and when it stopped. Without them the arrival on lb03 was paired with lb01's removal of the step before.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../electron/checks/evaluate.js';
import { completeHistory, lossesAtDeath, readNodeLogs } from '../../electron/probes/addrHistory.js';
import { logStamp, lossLines, parseAddrLog } from '../../electron/probes/addrLog.js';
import type { LabNodes } from '../../electron/probes/labNodes.js';
import type { ContainerState, ExecResult } from '../../electron/runtime/containerRuntime.js';
import { check } from '../fixtures/readings/checks.js';
import { stubHandle } from '../helpers/stubRuntime.js';

const VIP = '10.0.0.3';
const line = (stamp: string, added: boolean): string => `[${stamp}] ${added ? '' : 'Deleted '}2: eth0    inet ${VIP}/32 scope global eth0\\       valid_lft forever preferred_lft forever\n`;
const LB01_LOG = line('2026-12-06T12:01:50.000000', true) + line('2026-12-06T12:02:00.000000', false);
const LB02_LOG = line('2026-12-06T12:02:00.530000', true);
const LB02_DIED = '2026-12-06T12:02:09.840123456Z';
const LB03_LOG = line('2026-12-06T12:02:13.150000', true);
const NEVER_STOPPED = '0001-01-01T00:00:00Z';

interface FakeNode {
  /** The log as `tail` prints it; undefined: the node runs no command (it has no power). */
  log?: string;
  /** What the first reads of the log print before `log` (a monitor that has not written its line yet). */
  earlierLogs?: string[];
  /** The log as read out of the stopped container; undefined: this runtime cannot. */
  stoppedLog?: string;
  holds: boolean;
  finishedAt: string;
}

const ipJson = (holds: boolean): string => JSON.stringify([{ ifname: 'eth0', addr_info: [{ family: 'inet', local: '10.0.0.9' }, ...(holds ? [{ family: 'inet', local: VIP }] : [])] }]);
const notRunning = (): Error => Object.assign(new Error('container is not running'), { statusCode: 409 });

function labOf(nodes: Record<string, FakeNode>): LabNodes {
  return {
    nodes: Object.keys(nodes).map((name) => ({ name })),
    container: (name: string) => {
      const n = nodes[name];
      if (!n) throw new Error(`no node ${name}`);
      const running = n.log !== undefined;
      const state: ContainerState = { id: name, labels: {}, running, paused: false, status: running ? 'running' : 'exited', startedAt: 't', finishedAt: n.finishedAt };
      return stubHandle(name, {
        exec: (argv: string[]): Promise<ExecResult> => {
          if (!running) return Promise.reject(notRunning());
          const stdout = argv[0] === 'tail' ? (n.earlierLogs?.shift() ?? n.log ?? '') : ipJson(n.holds);
          return Promise.resolve({ exitCode: 0, stdout, stderr: '', ms: 1 });
        },
        inspect: () => Promise.resolve(state),
        ...(n.stoppedLog !== undefined ? { readFile: () => Promise.resolve(Buffer.from(n.stoppedLog ?? '')) } : {}),
      });
    },
  };
}

const afterPowerLoss = (lb02: Partial<FakeNode> = {}): LabNodes =>
  labOf({
    lb01: { log: LB01_LOG, holds: false, finishedAt: NEVER_STOPPED },
    lb02: { stoppedLog: LB02_LOG, holds: false, finishedAt: LB02_DIED, ...lb02 },
    lb03: { log: LB03_LOG, holds: true, finishedAt: NEVER_STOPPED },
  });

const onLb03 = check('vip', { vip: VIP, holder: 'lb03', measure_gap: true });

describe('the VIP gap after a power loss', () => {
  it('measures from the moment the powered-off holder stopped, not from an older removal elsewhere', async () => {
    const ev = await evaluate(afterPowerLoss(), onLb03);
    expect(ev.passed).toBe(true);
    expect(ev.metrics).toEqual({ gap_ms: 3310 });
    expect([ev.seen.en, ev.seen['zh-CN']]).toEqual([
      `holders of ${VIP}: lb03 (lb02 unreachable); moved from lb02, which went down holding it, with a gap of 3.31 s`,
      `${VIP} 所在节点：lb03（无法访问：lb02）；lb02 停机时仍持有它，从 lb02 漂移过来，实测中断时间 3.31 秒`,
    ]);
  });

  it("waits for the holder's log to show the arrival the kernel already shows", async () => {
    const lab = labOf({
      lb01: { log: LB01_LOG, holds: false, finishedAt: NEVER_STOPPED },
      lb02: { stoppedLog: LB02_LOG, holds: false, finishedAt: LB02_DIED },
      lb03: { log: LB03_LOG, earlierLogs: ['', ''], holds: true, finishedAt: NEVER_STOPPED },
    });
    const ev = await evaluate(lab, onLb03);
    expect(ev.metrics).toEqual({ gap_ms: 3310 });
  });

  it("says the gap is not measured when the stopped node's log cannot be read, rather than guess", async () => {
    const ev = await evaluate(afterPowerLoss({ stoppedLog: undefined }), onLb03);
    expect(ev.passed).toBe(true);
    expect(ev.metrics).toBeUndefined();
    expect(ev.seen.en).toBe(`holders of ${VIP}: lb03 (lb02 unreachable); the gap is not measured: the address log of lb02 could not be read`);
  });

  it('completes the history: the stopped node read from its container, its loss at the moment it stopped', async () => {
    const lab = afterPowerLoss();
    const history = await completeHistory(lab, await readNodeLogs(lab));
    expect(history.unreadable).toEqual([]);
    expect(history.events.map((e) => `${e.node} ${e.added ? '+' : '-'} ${new Date(e.at).toISOString()}${e.atDeath ? ' at death' : ''}`)).toEqual([
      'lb01 + 2026-12-06T12:01:50.000Z',
      'lb01 - 2026-12-06T12:02:00.000Z',
      'lb02 + 2026-12-06T12:02:00.530Z',
      'lb02 - 2026-12-06T12:02:09.840Z at death',
      'lb03 + 2026-12-06T12:02:13.150Z',
    ]);
  });

  it('a node that stopped without the address loses nothing at its death', () => {
    const events = parseAddrLog('lb02', LB02_LOG + line('2026-12-06T12:02:05.000000', false));
    expect(lossesAtDeath(events, 'lb02', Date.parse(LB02_DIED))).toEqual([]);
    // Only what was held at that moment: an address added after a restart is not lost at the earlier death.
    expect(lossesAtDeath(parseAddrLog('lb02', LB02_LOG), 'lb02', Date.parse('2026-12-06T12:02:00.000Z'))).toEqual([]);
  });

  it("writes the losses into a restarted node's log in ip monitor's format, once", () => {
    const stamp = logStamp(LB02_DIED) ?? '';
    expect(stamp).toBe('2026-12-06T12:02:09.840123');
    expect(logStamp('2026-12-06T12:02:09.84Z')).toBe('2026-12-06T12:02:09.840000');
    const losses = lossLines(LB02_LOG, stamp);
    expect(losses).toBe(line(stamp, false));
    expect(parseAddrLog('lb02', losses)).toEqual([{ node: 'lb02', ip: VIP, added: false, at: Date.parse(LB02_DIED) }]);
    expect(lossLines(LB02_LOG + losses, stamp)).toBe('');
  });

  it('after a restart the written loss is what the gap is measured from', async () => {
    const stamp = logStamp(LB02_DIED) ?? '';
    // lb02 runs again (without the VIP); its log carries the loss written when it was started.
    const ev = await evaluate(afterPowerLoss({ log: LB02_LOG + lossLines(LB02_LOG, stamp) }), onLb03);
    expect(ev.metrics).toEqual({ gap_ms: 3310 });
    expect(ev.seen.en).toBe(`holders of ${VIP}: lb03; moved from lb02 with a gap of 3.31 s`);
  });
});
