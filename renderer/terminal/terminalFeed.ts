// What every view of a backend terminal needs, the learner's own (connection.ts, mountTerminal.ts) and the
// instructor's read-only watch (classroom/watchLink.ts, WatchTerminal.tsx): events that come before the answer
// naming the terminal are held and replayed, what the view has rendered is acknowledged in batches (the
// backend sends a bounded amount ahead of the last ack), and the box's resizes are followed once they settle.
import type { HalabApi } from '../../common/contract.js';

const MAX_EARLY_EVENTS = 2000;

/** Events that arrive while an open is in flight: they may be the new terminal's, before its id is known. */
export class EarlyEvents<E extends { e: { id: string } }> {
  private held: E[] | undefined;

  get opening(): boolean {
    return this.held !== undefined;
  }

  begin(): void {
    this.held = [];
  }

  /** Holds the event while an open is in flight (true); false when none is, for the caller to route it. */
  hold(ev: E): boolean {
    if (!this.held) return false;
    if (this.held.length < MAX_EARLY_EVENTS) this.held.push(ev);
    return true;
  }

  /** The open ended: the held events of `id`, in order (none when the open failed). */
  end(id?: string): E[] {
    const held = this.held ?? [];
    this.held = undefined;
    return id === undefined ? [] : held.filter((ev) => ev.e.id === id);
  }
}

export interface AckOptions {
  /** Acks are sent at this many characters or after delayMs, whichever first. */
  batchChars?: number;
  delayMs?: number;
}

/** Acknowledges rendered characters of the terminal `current()` names, in batches. */
export class RenderedAcks {
  private pending = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly batchChars: number;
  private readonly delayMs: number;

  constructor(
    private readonly api: HalabApi,
    private readonly current: () => string | undefined,
    opts: AckOptions = {},
  ) {
    // A flood is acknowledged in 64 K steps: about 300 acks for `cat` of 20 MB, none of them waited for.
    this.batchChars = opts.batchChars ?? 64 * 1024;
    this.delayMs = opts.delayMs ?? 10;
  }

  /** `chars` of terminal `id` are on screen; rendered after that terminal ended, nobody waits for them. */
  rendered(id: string, chars: number): void {
    if (id !== this.current()) return;
    this.pending += chars;
    if (this.pending >= this.batchChars) this.flush();
    else
      this.timer ??= setTimeout(() => {
        this.flush();
      }, this.delayMs);
  }

  /** Sends what is pending now: before the terminal changes or ends. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const chars = this.pending;
    this.pending = 0;
    const id = this.current();
    if (chars > 0 && id) void this.api.call('terminal.ack', { id, chars }).catch(() => undefined);
  }
}

/** A resize of the box is followed once it settles: a window dragged wide fits the terminal once, not per frame. */
const RESIZE_DEBOUNCE_MS = 60;

/** Calls `fit` after the element's size stops changing; returns what stops watching. */
export function onSettledResize(el: Element, fit: () => void): () => void {
  if (typeof ResizeObserver === 'undefined') return () => undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new ResizeObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(fit, RESIZE_DEBOUNCE_MS);
  });
  observer.observe(el);
  return () => {
    clearTimeout(timer);
    observer.disconnect();
  };
}
