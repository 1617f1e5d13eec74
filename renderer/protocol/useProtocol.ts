// What crosses a running lab's network, live: one reading at once, then the batches the host pushes while the
// watch is on. A reset replaces the events, a batch follows them. The events feed the row reducer
// (common/protocol/streamRows.ts) as they arrive, so the list never regroups from scratch.
// The view lives in a store, not in component state: the workspace that owns the watch does not re-render at
// every batch (up to 20 a second), only the views that show it, and only while they are shown.
// One watch per lab and session: the host keys watches by session, so the protocol tab and the VIP moves
// share this one. It is switched off when the workspace goes away and on again after a reconnect.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { HalabApi, ProtocolFeed } from '../../common/contract.js';
import type { ProtocolEvent } from '../../common/protocol/events.js';
import { addEvents, emptyRows, type StreamRowsState } from '../../common/protocol/streamRows.js';
import { createStore, type Store } from '../util/store.js';

/** The events kept for the time axis and the failover explanations: the host keeps as many. */
export const MAX_EVENTS = 5000;

export interface ProtocolStatus {
  capturing: boolean;
  observer: string | null;
  problem?: ProtocolFeed['problem'];
}

export interface ProtocolView {
  lab: string;
  /** null until the first reading arrives. */
  status: ProtocolStatus | null;
  /** The events, oldest first, at most MAX_EVENTS. A new array on every change. */
  events: readonly ProtocolEvent[];
  /** The rows reducer; only the newest state is valid (it updates its store in place). */
  rows: StreamRowsState;
  /** Events received since the view started: counts what arrives while the list is paused. */
  received: number;
  error: unknown;
}

export type ProtocolStore = Store<ProtocolView>;

export function emptyView(lab: string): ProtocolView {
  return { lab, status: null, events: [], rows: emptyRows(), received: 0, error: null };
}

const byTime = (a: ProtocolEvent, b: ProtocolEvent): number => a.at - b.at;

/** Batches come in capture order, but one may start a few ms before the last ends: the events stay sorted. */
function joinSorted(events: readonly ProtocolEvent[], batch: readonly ProtocolEvent[]): ProtocolEvent[] {
  const sorted = [...batch].sort(byTime);
  const lastAt = events.at(-1)?.at ?? -Infinity;
  const joined = [...events, ...sorted];
  return (sorted[0]?.at ?? Infinity) >= lastAt ? joined : joined.sort(byTime);
}

/** The view after one feed from the host. */
export function applyFeed(view: ProtocolView, feed: ProtocolFeed): ProtocolView {
  const status: ProtocolStatus = { capturing: feed.capturing, observer: feed.observer, ...(feed.problem ? { problem: feed.problem } : {}) };
  if (feed.reset) {
    const all = [...feed.events].sort(byTime);
    const events = all.length > MAX_EVENTS ? all.slice(all.length - MAX_EVENTS) : all;
    return { ...view, status, events, rows: addEvents(emptyRows(), events), received: view.received + feed.events.length, error: null };
  }
  if (feed.events.length === 0) return { ...view, status, error: null };
  const joined = joinSorted(view.events, feed.events);
  const events = joined.length > MAX_EVENTS ? joined.slice(joined.length - MAX_EVENTS) : joined;
  return { ...view, status, events, rows: addEvents(view.rows, feed.events), received: view.received + feed.events.length, error: null };
}

const notRunning = (lab: string): ProtocolView => ({ ...emptyView(lab), status: { capturing: false, observer: null, problem: 'notRunning' } });

export function useProtocol(api: HalabApi, lab: string, running: boolean, session: number | string): ProtocolStore {
  // A new store per lab only; the effect below follows `running`.
  const store = useMemo(() => createStore<ProtocolView>(running ? emptyView(lab) : notRunning(lab)), [lab]);

  useEffect(() => {
    if (!running) {
      store.set(notRunning(lab));
      return;
    }
    // After a reconnect the events shown stay until the watch's reset replaces them.
    let alive = true;
    // The watch starts with a reset of everything known: once a push came, the get's answer is older.
    let pushed = false;
    const off = api.on('protocol.events', (feed) => {
      if (!alive || feed.lab !== lab) return;
      pushed = true;
      store.set(applyFeed(store.get(), feed));
    });
    const fail = (err: unknown): void => {
      if (alive) store.set({ ...store.get(), error: err });
    };
    // The get comes after the watch: the watch's own reset normally answers first (and the get is then
    // dropped); asked before, the get's reading of the capture ring would race the watch's start.
    const get = (): void => {
      if (!alive || pushed) return;
      api.call('protocol.get', { lab }).then((feed) => {
        if (alive && !pushed && feed.lab === lab) store.set(applyFeed(store.get(), { ...feed, reset: true }));
      }, fail);
    };
    api.call('protocol.watch', { lab, on: true }).then(get, (err: unknown) => {
      fail(err);
      get();
    });
    return () => {
      alive = false;
      off();
      api.call('protocol.watch', { lab, on: false }).catch(() => undefined);
    };
  }, [api, lab, running, session, store]);

  return store;
}

/**
 * The store's view for a component that shows it: re-rendered at most once per animation frame however many
 * batches arrive, and not at all while `active` is false (the view shown last is kept).
 */
export function useFramedView(store: ProtocolStore, active = true): ProtocolView {
  const [view, setView] = useState(store.get());
  useEffect(() => {
    if (!active) return;
    setView(store.get());
    let frame: number | null = null;
    const unsubscribe = store.subscribe(() => {
      frame ??= requestAnimationFrame(() => {
        frame = null;
        setView(store.get());
      });
    });
    return () => {
      unsubscribe();
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [store, active]);
  return view;
}

/**
 * The store's view at most every `ms` (the VIP moves list explains moves from it: a second late is soon enough
 * and spares the explanations at every batch); null without a store.
 */
export function useThrottledView(store: ProtocolStore | undefined, ms: number): ProtocolView | null {
  const [view, setView] = useState<ProtocolView | null>(store?.get() ?? null);
  useEffect(() => {
    if (!store) {
      setView(null);
      return;
    }
    setView(store.get());
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = store.subscribe(() => {
      timer ??= setTimeout(() => {
        timer = null;
        setView(store.get());
      }, ms);
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [store, ms]);
  return view;
}
