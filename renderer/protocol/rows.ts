// The protocol list's rows as the learner reads them: what kind of packet, who sent it, which of its fields
// changed from the stream's row before, and which rows pass the filters. Pure: the pane and its tests share it.
import type { ProtocolEvent } from '../../common/protocol/events.js';
import { filterRows, type StreamRow } from '../../common/protocol/streamRows.js';

/** A priority-0 advert is its own kind: the master resigning is what the learner looks for. */
export type RowKind = 'advert' | 'prio0' | 'garp' | 'arp-request' | 'arp-reply' | 'probe';
/** The kinds the learner can hide, one checkbox each (a priority-0 advert is an advert). */
export type KindFilter = 'advert' | 'garp' | 'arp' | 'probe';
export const KIND_FILTERS: readonly KindFilter[] = ['advert', 'garp', 'arp', 'probe'];

/** At 10 adverts a second the grouping keeps rows few; the list shows at most the newest this many. */
export const MAX_SHOWN_ROWS = 300;

export function eventKind(e: ProtocolEvent): RowKind {
  if (e.kind === 'advert') return e.priority === 0 ? 'prio0' : 'advert';
  if (e.kind === 'arp') return e.gratuitous ? 'garp' : e.op === 'request' ? 'arp-request' : 'arp-reply';
  return 'probe';
}

export function kindFilterOf(kind: RowKind): KindFilter {
  if (kind === 'prio0') return 'advert';
  if (kind === 'arp-request' || kind === 'arp-reply') return 'arp';
  return kind;
}

/** The sender's node name, or its address when no node owns it. */
export function senderOf(e: ProtocolEvent): string {
  if (e.from !== null) return e.from;
  return e.kind === 'arp' ? e.senderIp : e.src;
}

export interface RowFilters {
  vrid: number | null;
  node: string | null;
  kinds: ReadonlySet<KindFilter>;
}

export const ALL_KINDS: ReadonlySet<KindFilter> = new Set(KIND_FILTERS);

export interface ShownRows {
  rows: StreamRow[];
  /** Rows that pass the filters, before the cap. */
  matching: number;
}

/** The rows that pass the filters, the newest MAX_SHOWN_ROWS of them, oldest first. */
export function shownRows(rows: readonly StreamRow[], f: RowFilters, cap = MAX_SHOWN_ROWS): ShownRows {
  const byStream = filterRows(rows, { ...(f.vrid !== null ? { vrid: f.vrid } : {}), ...(f.node !== null ? { node: f.node } : {}) });
  const matching = f.kinds.size === KIND_FILTERS.length ? byStream : byStream.filter((r) => f.kinds.has(kindFilterOf(eventKind(r.event))));
  return { rows: matching.length > cap ? matching.slice(matching.length - cap) : matching, matching: matching.length };
}

/** The VRIDs of every advert row, ascending. */
export function vridsSeen(rows: readonly StreamRow[]): number[] {
  const seen = new Set<number>();
  for (const r of rows) if (r.vrid !== null) seen.add(r.vrid);
  return [...seen].sort((a, b) => a - b);
}

/** For every row that changed a field: the row before it in its stream, whose values it changed from. */
export function previousOfChanged(rows: readonly StreamRow[]): Map<number, StreamRow> {
  const last = new Map<string, StreamRow>();
  const out = new Map<number, StreamRow>();
  for (const r of rows) {
    const prev = last.get(r.stream);
    if (prev && r.changed.length > 0) out.set(r.id, prev);
    last.set(r.stream, r);
  }
  return out;
}

/** Seconds with two decimals, as keepalived's advert_int reads: "1.00 s", "0.10 s". */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** An advert interval as configured: VRRPv2 whole seconds ("1 s"), VRRPv3 centiseconds ("0.1 s"). */
export function advertInterval(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

/** The same filters for single events (the time axis): a VRID keeps only that VRID's adverts, as in the list. */
export function eventPasses(e: ProtocolEvent, f: RowFilters): boolean {
  if (f.vrid !== null && (e.kind !== 'advert' || e.vrid !== f.vrid)) return false;
  if (f.node !== null && e.from !== f.node) return false;
  return f.kinds.has(kindFilterOf(eventKind(e)));
}
