// Pings the VIP from the lab's client node while a fault is applied, and returns the outage the client saw;
// optionally also when the client last heard the master's VRRP adverts.
import type { RunningLab } from '../../electron/topology/manager.js';
import { clientGap, parsePing, parseTcpdumpTimes, type ClientGap } from './gap.js';
import { sleep } from './stats.js';

const PROBE_INTERVAL_S = 0.01;
/** A reply slower than this counts as no answer: far above a bridge round trip, far below a failover. */
export const LATE_REPLY_MS = 100;
const ADVERT_MARK = '--- adverts ---';
const MAX_ADVERTS = 500;

export interface ProbeOptions {
  /** Upper bound of the probe's duration; it sends at most windowS x 100 probes. */
  windowS: number;
  /** Probing before the fault, so the VIP is seen answering (and, with advertsFrom, an advert is heard) first. */
  leadInMs: number;
  /** Capture the VRRP adverts this address sends, as the client receives them. */
  advertsFrom?: string;
}

export interface ProbeResult {
  gap: ClientGap;
  /** Capture times of the adverts, seconds on the same clock as the probe's; empty without advertsFrom. */
  advertTimesS: number[];
}

/**
 * Applies `fault` after the lead-in and probes until the window ends. Throws when the silence touches an
 * edge of the window: then the VIP was not reachable before the fault or did not come back in time, and no
 * gap can be stated.
 */
export async function clientGapDuring(lab: RunningLab, vip: string, opts: ProbeOptions, fault: () => Promise<void>): Promise<ProbeResult> {
  const { windowS } = opts;
  const dir = `/tmp/halab-bench-${Date.now()}`;
  const ping = `ping -D -n -i ${PROBE_INTERVAL_S} -c ${Math.round(windowS / PROBE_INTERVAL_S)} -w ${windowS} ${vip}`;
  const capture = opts.advertsFrom ? `timeout ${windowS + 1} tcpdump -i eth0 -n -tt -U -c ${MAX_ADVERTS} 'vrrp and src host ${opts.advertsFrom}' > ${dir}/adverts 2>/dev/null & T=$!; ` : 'T=; ';
  // Into files first: ping writing straight into the exec stream would stall whenever the Docker daemon is
  // slow to read it (it is busy with the fault), and stalled sends blur the gap.
  const script = `mkdir -p ${dir}; ${capture}${ping} > ${dir}/ping 2>&1; [ -n "$T" ] && kill $T 2>/dev/null; wait; cat ${dir}/ping; echo '${ADVERT_MARK}'; cat ${dir}/adverts 2>/dev/null; rm -rf ${dir}`;
  const probe = lab.container('client').exec(['sh', '-c', script], { timeoutMs: (windowS + 4) * 1000 });
  await sleep(opts.leadInMs);
  await fault();
  const res = await probe;
  const [pingOut = '', advertsOut = ''] = res.stdout.split(`${ADVERT_MARK}\n`);
  const gap = clientGap(parsePing(pingOut), { lateMs: LATE_REPLY_MS, intervalMs: PROBE_INTERVAL_S * 1000 });
  if (gap.open) {
    throw new Error(`the client's probe of ${vip} was silent at the ${gap.open} of its ${windowS} s window (${gap.answered} answered, exit ${res.exitCode})`);
  }
  return { gap, advertTimesS: parseTcpdumpTimes(advertsOut) };
}
