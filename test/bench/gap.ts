// The outage a client sees during a failover, from `ping -D -n` output run in the client node.
// Only what the client experiences counts: a probe is answered when its reply arrived within a short bound.
// A reply that arrives late (a packet that sat in some queue until the new master took the VIP) does not
// close the outage, so the gap is measured between *send* times (arrival minus the round trip), per
// ICMP sequence number, never between reply arrival times.

export interface PingReply {
  seq: number;
  /** Arrival time of the reply, seconds (ping -D's epoch stamp). */
  arrivalS: number;
  rttMs: number;
}

export interface PingOutput {
  replies: PingReply[];
  /** "N packets transmitted" from ping's summary; null when the summary is missing (ping was cut off). */
  transmitted: number | null;
}

const REPLY = /^\[(\d+(?:\.\d+)?)\] \d+ bytes from [^:]+: icmp_seq=(\d+) .*?time=(\d+(?:\.\d+)?) ms/;
const SUMMARY = /^(\d+) packets transmitted/m;

export function parsePing(out: string): PingOutput {
  const replies: PingReply[] = [];
  for (const line of out.split('\n')) {
    const m = REPLY.exec(line);
    if (m) replies.push({ arrivalS: Number(m[1]), seq: Number(m[2]), rttMs: Number(m[3]) });
  }
  const t = SUMMARY.exec(out);
  return { replies, transmitted: t ? Number(t[1]) : null };
}

export interface ClientGap {
  /**
   * The longest outage, ms: from the send time of the last answered probe before a run of unanswered ones
   * to the send time of the first answered probe after it. 0 when every probe was answered.
   */
  gapMs: number;
  /** How many probes in that run went unanswered. */
  lost: number;
  /** Sequence numbers of the answered probes around the run (0 / transmitted+1 at an edge of the window). */
  fromSeq: number;
  toSeq: number;
  /** Send times of those probes, seconds on ping's clock; null at an edge of the window. */
  fromSentS: number | null;
  toSentS: number | null;
  /** Set when the run touches the start or the end of the probe: the VIP was not reachable there. */
  open: 'start' | 'end' | null;
  answered: number;
  /** Replies that came back, but later than the bound. */
  late: number;
}

export interface GapOptions {
  /** A reply slower than this counts as no answer. */
  lateMs?: number;
  /** The probe's nominal interval, used only when too few answers exist to measure it. */
  intervalMs?: number;
}

/** The median spacing of send times of neighbouring sequence numbers: ping's real interval on a busy machine. */
function measuredIntervalS(sent: { seq: number; sentS: number }[], fallbackS: number): number {
  const steps: number[] = [];
  for (let i = 1; i < sent.length; i++) {
    const a = sent[i - 1];
    const b = sent[i];
    if (a && b && b.seq - a.seq === 1) steps.push(b.sentS - a.sentS);
  }
  steps.sort((x, y) => x - y);
  return steps[Math.floor((steps.length - 1) / 2)] ?? fallbackS;
}

/**
 * Only runs of unanswered sequence numbers count: a pause in sending (ping starved of CPU) is not an
 * outage, since every probe sent was answered. At the edges of the window no send time exists on one
 * side, so the run's length times the measured interval stands in for it.
 */
const IN_FLIGHT_AT_DEADLINE = 2;

export function clientGap(ping: PingOutput, opts: GapOptions = {}): ClientGap {
  const lateMs = opts.lateMs ?? 100;
  const fallbackS = (opts.intervalMs ?? 10) / 1000;
  const bySeq = new Map<number, number>();
  let late = 0;
  for (const r of ping.replies) {
    if (r.rttMs > lateMs) {
      late++;
      continue;
    }
    // A duplicate reply (DUP!) must not move the send time of its probe.
    if (!bySeq.has(r.seq)) bySeq.set(r.seq, r.arrivalS - r.rttMs / 1000);
  }
  const sent = [...bySeq.entries()].map(([seq, sentS]) => ({ seq, sentS })).sort((a, b) => a.seq - b.seq);
  const interval = measuredIntervalS(sent, fallbackS);
  const lastSeq = Math.max(ping.transmitted ?? 0, sent[sent.length - 1]?.seq ?? 0);
  const first = sent[0];
  const last = sent[sent.length - 1];
  const base = { answered: sent.length, late };
  if (!first || !last) return { ...base, gapMs: lastSeq * interval * 1000, lost: lastSeq, fromSeq: 0, toSeq: lastSeq + 1, fromSentS: null, toSentS: null, open: 'start' };

  // Probes before the first answer (ping numbers from 1).
  let best: ClientGap = { ...base, gapMs: 0, lost: 0, fromSeq: first.seq, toSeq: first.seq, fromSentS: first.sentS, toSentS: first.sentS, open: null };
  if (first.seq > 1) {
    best = { ...base, gapMs: first.seq * interval * 1000, lost: first.seq - 1, fromSeq: 0, toSeq: first.seq, fromSentS: null, toSentS: first.sentS, open: 'start' };
  }
  for (let i = 1; i < sent.length; i++) {
    const a = sent[i - 1];
    const b = sent[i];
    if (!a || !b || b.seq - a.seq < 2) continue;
    const ms = (b.sentS - a.sentS) * 1000;
    if (ms > best.gapMs) best = { ...base, gapMs: ms, lost: b.seq - a.seq - 1, fromSeq: a.seq, toSeq: b.seq, fromSentS: a.sentS, toSentS: b.sentS, open: null };
  }
  // Probes after the last answer; ping's deadline may cut off the replies to its very last probes.
  const tailMs = (lastSeq - last.seq + 1) * interval * 1000;
  if (lastSeq - last.seq > IN_FLIGHT_AT_DEADLINE && tailMs > best.gapMs) {
    best = { ...base, gapMs: tailMs, lost: lastSeq - last.seq, fromSeq: last.seq, toSeq: lastSeq + 1, fromSentS: last.sentS, toSentS: null, open: 'end' };
  }
  return best;
}

/** Capture times (seconds, `tcpdump -tt`) of the packets in tcpdump's output. */
export function parseTcpdumpTimes(out: string): number[] {
  return [...out.matchAll(/^(\d+\.\d+) /gm)].map((m) => Number(m[1]));
}

/**
 * A crashed master falls silent at a random point between two of its adverts, and the backup's timer runs
 * from the last advert it heard: the outage alone is shorter than the protocol's floor by that phase. From
 * the master's last advert to the client's first answered probe is the span the floor bounds. Null when
 * the outage has no end in the window or no advert was captured before it.
 */
export function sinceLastAdvertMs(gap: ClientGap, advertTimesS: number[]): number | null {
  const end = gap.toSentS;
  if (end === null) return null;
  const before = advertTimesS.filter((t) => t < end);
  return before.length ? (end - Math.max(...before)) * 1000 : null;
}
