// One read-only watcher of a terminal (a class's instructor looking at a learner's shell). Its output is a
// copy of what the terminal's owner gets, but it never holds the terminal back: the owner's flow control
// alone pauses the shell. A watcher that renders slowly (or not at all) is sent at most WATCH_UNACKED_MAX
// characters it has not acknowledged; beyond that, text waits in a buffer of WATCH_PENDING_MAX characters
// whose oldest part is dropped, and the watcher is told how much it missed.

/** What may be on its way to a watcher, not yet rendered: a quarter of the owner's high watermark. */
export const WATCH_UNACKED_MAX = 256 * 1024;
/** What waits beyond that while the watcher catches up; older text is dropped (a screen needs far less). */
export const WATCH_PENDING_MAX = 64 * 1024;

export interface WatcherStats {
  unacked: number;
  pending: number;
  /** Characters never sent because the watcher fell too far behind. */
  dropped: number;
  sent: number;
}

export class TerminalWatcher {
  private unacked = 0;
  private pending = '';
  private droppedNow = 0;
  private dropped = 0;
  private sent = 0;

  constructor(
    private readonly send: (text: string) => void,
    private readonly limits: { unacked: number; pending: number } = { unacked: WATCH_UNACKED_MAX, pending: WATCH_PENDING_MAX },
  ) {}

  push(text: string): void {
    if (text === '') return;
    if (this.pending === '' && this.droppedNow === 0 && this.unacked + text.length <= this.limits.unacked) {
      this.deliver(text);
      return;
    }
    this.pending += text;
    const over = this.pending.length - this.limits.pending;
    if (over > 0) {
      this.pending = this.pending.slice(over);
      this.droppedNow += over;
      this.dropped += over;
    }
  }

  /** The watcher rendered `chars` more characters. */
  ack(chars: number): void {
    this.unacked = Math.max(0, this.unacked - chars);
    // Held text goes out once half the backlog is rendered, in one piece rather than a trickle.
    if (this.unacked >= this.limits.unacked / 2 || (this.pending === '' && this.droppedNow === 0)) return;
    const gap = this.droppedNow > 0 ? `\r\n\x1b[2m[… ${this.droppedNow} characters not shown …]\x1b[0m\r\n` : '';
    const text = gap + this.pending;
    this.pending = '';
    this.droppedNow = 0;
    this.deliver(text);
  }

  stats(): WatcherStats {
    return { unacked: this.unacked, pending: this.pending.length, dropped: this.dropped, sent: this.sent };
  }

  private deliver(text: string): void {
    this.unacked += text.length;
    this.sent += text.length;
    this.send(text);
  }
}
