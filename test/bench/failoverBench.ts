// Failover gaps as the client sees them, against the protocol's floors: graceful stop and crash of the
// master with VRRPv2 (advert_int 1), and a crash with VRRPv3 at advert_int 0.1.
import type { LabPack } from '../../electron/labs/loadPack.js';
import { down, up, type RunningLab } from '../../electron/topology/manager.js';
import { applyFault } from '../../electron/checks/actions.js';
import { clientGapDuring } from './clientProbe.js';
import { sinceLastAdvertMs } from './gap.js';
import { waitLb01Steady } from './steadyState.js';
import { failoverFloorsMs } from '../../common/protocol/floors.js';
import { electingV3Pack, floorTiming, vrrpTiming, type VrrpTiming } from './vrrpPack.js';
import { round, spread } from './stats.js';

type Log = (line: string) => void;
const V3_ADVERT_INT_S = 0.1;

/** The backup's timing decides the takeover: read lb02's keepalived.conf as the lab runs it. */
async function backupTiming(lab: RunningLab): Promise<VrrpTiming> {
  const res = await lab.container('lb02').exec(['cat', '/etc/keepalived/keepalived.conf'], { timeoutMs: 3000 });
  if (res.exitCode !== 0) throw new Error('lb02 has no /etc/keepalived/keepalived.conf');
  return vrrpTiming(res.stdout);
}

const ratios = (xs: number[], floorMs: number): number[] => xs.map((x) => round(x / floorMs));

async function gracefulGaps(lab: RunningLab, vip: string, runs: number, log: Log): Promise<number[]> {
  const gaps: number[] = [];
  for (let i = 0; i < runs; i++) {
    const steadyMs = await waitLb01Steady(lab, vip);
    const { gap } = await clientGapDuring(lab, vip, { windowS: 6, leadInMs: 500 }, () => applyFault(lab, 'stop_service', 'lb01', 'keepalived'));
    gaps.push(round(gap.gapMs, 1));
    await applyFault(lab, 'start_service', 'lb01', 'keepalived');
    log(`graceful ${i + 1}/${runs}: ${gap.gapMs.toFixed(0)} ms (${gap.lost} probes lost, ${gap.late} late; steady after ${steadyMs.toFixed(0)} ms)`);
  }
  return gaps;
}

interface CrashRuns {
  /** The client's outage. */
  gaps: number[];
  /** From the dead master's last advert to the client's first answered probe. */
  sinceAdvert: number[];
}

async function crashGaps(lab: RunningLab, vip: string, t: VrrpTiming, runs: number, label: string, log: Log): Promise<CrashRuns> {
  const lb01 = lab.nodes.find((n) => n.name === 'lb01')?.ip ?? '';
  const floorMs = failoverFloorsMs(floorTiming(t)).crashMs;
  const out: CrashRuns = { gaps: [], sinceAdvert: [] };
  for (let i = 0; i < runs; i++) {
    const steadyMs = await waitLb01Steady(lab, vip);
    // The lead-in covers more than one advert interval, so the capture hears lb01 before it dies.
    const opts = { windowS: Math.ceil(2 * t.advertIntS + floorMs / 1000 + 4), leadInMs: 500 + 1000 * t.advertIntS, advertsFrom: lb01 };
    const { gap, advertTimesS } = await clientGapDuring(lab, vip, opts, () => applyFault(lab, 'kill_node', 'lb01'));
    const since = sinceLastAdvertMs(gap, advertTimesS);
    if (since === null) throw new Error(`${label}: no advert from lb01 was captured before the outage`);
    out.gaps.push(round(gap.gapMs, 1));
    out.sinceAdvert.push(round(since, 1));
    await applyFault(lab, 'start_node', 'lb01');
    // Idempotent: starts keepalived where the lab started it by hand rather than at boot.
    await applyFault(lab, 'start_service', 'lb01', 'keepalived');
    log(`${label} ${i + 1}/${runs}: outage ${gap.gapMs.toFixed(0)} ms, ${since.toFixed(0)} ms after lb01's last advert (${gap.lost} lost; steady after ${steadyMs.toFixed(0)} ms)`);
  }
  return out;
}

/** The crash figures under `prefix`: the headline ratio counts from the master's last advert (see sinceLastAdvertMs). */
function crashFigures(prefix: string, runs: CrashRuns, floorMs: number): Record<string, unknown> {
  return {
    [`${prefix}_floor_ms`]: round(floorMs, 1),
    [`${prefix}_since_advert_ms`]: spread(runs.sinceAdvert),
    [`${prefix}_ratio`]: round(spread(runs.sinceAdvert).median / floorMs),
    [`${prefix}_ratio_spread`]: spread(ratios(runs.sinceAdvert, floorMs)),
    [`${prefix}_outage_ratio`]: round(spread(runs.gaps).median / floorMs),
  };
}

/** VRRPv2 graceful and crash failovers on a running lab 1 whose steps 1-2 solutions are applied. */
export async function failoverV2Figures(lab: RunningLab, runs: number, log: Log): Promise<Record<string, unknown>> {
  const vip = lab.pack.manifest.topology.vips[0] ?? '';
  const timing = await backupTiming(lab);
  const floors = failoverFloorsMs(floorTiming(timing));
  const graceful = await gracefulGaps(lab, vip, runs, log);
  const crash = await crashGaps(lab, vip, timing, runs, 'crash', log);
  await waitLb01Steady(lab, vip);
  return {
    failover_graceful_ms: spread(graceful),
    failover_graceful_floor_ms: round(floors.gracefulMs, 1),
    failover_graceful_ratio: round(spread(graceful).median / floors.gracefulMs),
    failover_graceful_ratio_spread: spread(ratios(graceful, floors.gracefulMs)),
    failover_crash_ms: spread(crash.gaps),
    ...crashFigures('failover_crash', crash, floors.crashMs),
  };
}

/** Lab 1 brought up with VRRPv3 and advert_int 0.1 on both load balancers; crash failovers only. */
export async function failoverV3Figures(lab1: LabPack, runs: number, tag: string, log: Log): Promise<Record<string, unknown>> {
  const inst = `${tag}-v3`;
  try {
    const lab = await up(electingV3Pack(lab1, V3_ADVERT_INT_S), { instance: inst });
    const vip = lab.pack.manifest.topology.vips[0] ?? '';
    const timing = await backupTiming(lab);
    if (timing.version !== 3 || timing.advertIntS !== V3_ADVERT_INT_S) throw new Error(`lb02 runs ${JSON.stringify(timing)}, not VRRPv3 at ${V3_ADVERT_INT_S} s`);
    const crash = await crashGaps(lab, vip, timing, runs, 'v3 crash', log);
    return {
      failover_v3_ms: spread(crash.gaps).median,
      failover_v3_ms_spread: spread(crash.gaps),
      ...crashFigures('failover_v3', crash, failoverFloorsMs(floorTiming(timing)).crashMs),
    };
  } finally {
    await down(inst);
  }
}
