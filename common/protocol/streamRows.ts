// Protocol events grouped into the rows of a list: a master's steady adverts, a GARP burst or a run of
// pings is one row that counts and times its repeats, and a change (a new priority) opens a new row.
//
// Incremental: addEvents() costs amortized O(1) per event. It keeps its store in the state and updates it
// in place, returning a new state object (a new `version`) so a UI sees the change; only the latest state
// is valid. Rows themselves are never changed in place: a row that grows is replaced by a new object.
//
// Order: events are sorted within a batch; across batches they may be a few ms late. A late event joins
// its stream's newest row when it fits it; when it is older than that row's first event, fits the row
// before instead and the gap rules allow, it joins that one. Otherwise it opens a new row as if it had
// arrived in order. Rows stay in the order they were opened.
import type { AdvertEvent, ArpEvent, NodeRef, ProbeEvent, ProtocolEvent, ProtocolEventKind } from './events.js';

export interface StreamRow {
  /** Unique within one state, increasing in the order rows are opened. */
  id: number;
  kind: ProtocolEventKind;
  /** The stream this row belongs to (sender and the fields that identify the conversation). */
  stream: string;
  from: NodeRef;
  /** The advert's VRID; null for ARP and probes. */
  vrid: number | null;
  firstAt: number;
  lastAt: number;
  count: number;
  /** Mean gap between consecutive events of the row in ms; null while it has one event. */
  everyMs: number | null;
  /** The fields that differ from the previous row of the same stream (e.g. ['priority']). */
  changed: string[];
  /** The row's latest event. */
  event: ProtocolEvent;
}

/** Consecutive ARP events of a stream closer than this are one row (a GARP burst is one row "x5"). */
export const ARP_MERGE_MS = 2000;
/** Consecutive probes of a stream closer than this are one row (a ping every second is one row). */
export const PROBE_MERGE_MS = 5000;
/** Adverts silent for more than this many intervals (about a backup's Master_Down_Interval) start a new row, whose `changed` is empty. */
export const ADVERT_SILENCE_INTERVALS = 3;
export const DEFAULT_MAX_ROWS = 2000;

interface Slot {
  row: StreamRow;
  /** Position in the store's array, counted from the first row ever added. */
  seq: number;
}

interface StreamEntry {
  newest: Slot;
  previous: Slot | null;
}

/** The reducer's own bookkeeping: read rows through rowsOf(). */
export interface RowStore {
  rows: StreamRow[];
  /** seq of rows[0]: rows dropped so far. */
  base: number;
  /** The first rows[] index still kept: rows before it are dropped and cut off in batches. */
  start: number;
  streams: Map<string, StreamEntry>;
  nextId: number;
}

export interface StreamRowsState {
  readonly version: number;
  readonly maxRows: number;
  readonly store: RowStore;
}

export function emptyRows(maxRows: number = DEFAULT_MAX_ROWS): StreamRowsState {
  return { version: 0, maxRows, store: { rows: [], base: 0, start: 0, streams: new Map(), nextId: 1 } };
}

function streamOf(e: ProtocolEvent): string {
  switch (e.kind) {
    case 'advert':
      return `advert|${e.from ?? e.src}|${e.vrid}`;
    case 'arp':
      return `arp|${e.op}|${e.from ?? e.senderMac}|${e.targetIp}|${e.gratuitous}`;
    case 'probe':
      return `probe|${e.src}|${e.dst}|${e.proto}|${e.what}|${e.port ?? ''}`;
  }
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** The fields of `e` that differ from `prev` (an event of the same stream), in a fixed order. */
function differences(prev: ProtocolEvent, e: ProtocolEvent): string[] {
  if (prev.kind === 'advert' && e.kind === 'advert') {
    const fields: (keyof AdvertEvent)[] = ['version', 'priority', 'intervalMs', 'auth', 'src'];
    const out: string[] = fields.filter((f) => prev[f] !== e[f]);
    if (!sameList(prev.vips, e.vips)) out.push('vips');
    return out;
  }
  if (prev.kind === 'arp' && e.kind === 'arp') return (['senderIp', 'senderMac'] as (keyof ArpEvent)[]).filter((f) => prev[f] !== e[f]);
  if (prev.kind === 'probe' && e.kind === 'probe') return (['from'] as (keyof ProbeEvent)[]).filter((f) => prev[f] !== e[f]);
  return ['kind'];
}

/** The longest silence inside a row of this event's kind. */
function mergeGapMs(e: ProtocolEvent): number {
  if (e.kind === 'advert') return ADVERT_SILENCE_INTERVALS * Math.max(e.intervalMs, 10);
  return e.kind === 'arp' ? ARP_MERGE_MS : PROBE_MERGE_MS;
}

/** Whether `e` belongs in `row`: nothing differs and it is close enough in time to the row's span. */
function fits(row: StreamRow, e: ProtocolEvent): boolean {
  if (differences(row.event, e).length > 0) return false;
  const gap = mergeGapMs(e);
  return e.at >= row.firstAt - gap && e.at <= row.lastAt + gap;
}

function grown(row: StreamRow, e: ProtocolEvent): StreamRow {
  const firstAt = Math.min(row.firstAt, e.at);
  const lastAt = Math.max(row.lastAt, e.at);
  const count = row.count + 1;
  return { ...row, firstAt, lastAt, count, everyMs: (lastAt - firstAt) / (count - 1), event: e.at >= row.lastAt ? e : row.event };
}

function replace(store: RowStore, slot: Slot, row: StreamRow): void {
  slot.row = row;
  store.rows[slot.seq - store.base] = row;
}

function open(store: RowStore, stream: string, e: ProtocolEvent, prev: StreamEntry | undefined): void {
  const row: StreamRow = {
    id: store.nextId++,
    kind: e.kind,
    stream,
    from: e.from,
    vrid: e.kind === 'advert' ? e.vrid : null,
    firstAt: e.at,
    lastAt: e.at,
    count: 1,
    everyMs: null,
    changed: prev ? differences(prev.newest.row.event, e) : [],
    event: e,
  };
  const slot: Slot = { row, seq: store.base + store.rows.length };
  store.rows.push(row);
  store.streams.set(stream, { newest: slot, previous: prev ? prev.newest : null });
}

function add(store: RowStore, e: ProtocolEvent): void {
  const stream = streamOf(e);
  const entry = store.streams.get(stream);
  if (entry) {
    const { newest, previous } = entry;
    if (previous && e.at < newest.row.firstAt && fits(previous.row, e)) {
      replace(store, previous, grown(previous.row, e));
      return;
    }
    if (fits(newest.row, e)) {
      replace(store, newest, grown(newest.row, e));
      return;
    }
  }
  open(store, stream, e, entry);
}

/** Drops the oldest rows beyond maxRows; the array itself is cut only once maxRows rows are dead in it. */
function trim(store: RowStore, maxRows: number): void {
  const live = store.rows.length - store.start;
  for (let i = 0; i < live - maxRows; i++) {
    const seq = store.base + store.start;
    const row = store.rows[store.start];
    store.start++;
    if (!row) continue;
    const entry = store.streams.get(row.stream);
    if (entry?.newest.seq === seq) store.streams.delete(row.stream);
    else if (entry?.previous?.seq === seq) entry.previous = null;
  }
  if (store.start >= maxRows) {
    store.rows = store.rows.slice(store.start);
    store.base += store.start;
    store.start = 0;
  }
}

/** Adds a batch of events (any order within it) and returns the next state. */
export function addEvents(state: StreamRowsState, events: readonly ProtocolEvent[]): StreamRowsState {
  if (events.length === 0) return state;
  const sorted = [...events].sort((a, b) => a.at - b.at);
  for (const e of sorted) add(state.store, e);
  trim(state.store, state.maxRows);
  return { ...state, version: state.version + 1 };
}

/** The rows kept, oldest first (at most maxRows). */
export function rowsOf(state: StreamRowsState): StreamRow[] {
  return state.store.rows.slice(state.store.start);
}

export interface RowFilter {
  /** Adverts of this VRID only (ARP and probe rows carry no VRID and are left out). */
  vrid?: number;
  /** Rows sent by this node only. */
  node?: string;
  kinds?: readonly ProtocolEventKind[];
}

export function filterRows(rows: readonly StreamRow[], filter: RowFilter): StreamRow[] {
  return rows.filter(
    (r) => (filter.vrid === undefined || r.vrid === filter.vrid) && (filter.node === undefined || r.from === filter.node) && (filter.kinds === undefined || filter.kinds.includes(r.kind)),
  );
}
