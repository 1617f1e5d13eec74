// Paces what reaches xterm during a flood. xterm draws the rows a write changed on the next animation
// frame, so a `cat` of a big file that arrives in many small chunks is drawn at the full frame rate, and
// on a machine without a GPU every frame's style, layout and raster cost more than parsing the text.
// While output pours in, chunks are gathered and handed over at most once per interval: the same text,
// fewer frames. Output after a quiet moment (a keystroke's echo, a prompt) is written at once.

export type Sink = (data: string, done: () => void) => void;

export interface CoalescerOptions {
  /** A write this large or larger counts as a flood: what follows within intervalMs waits for the next turn. */
  floodChars?: number;
  intervalMs?: number;
  now?: () => number;
}

export const FLOOD_CHARS = 2048;
export const FLOOD_INTERVAL_MS = 40;

export class WriteCoalescer {
  private queued: string[] = [];
  private queuedDone: (() => void)[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the last write went to the sink, and how long it was. */
  private lastAt = Number.NEGATIVE_INFINITY;
  private lastChars = 0;
  private disposed = false;
  private readonly floodChars: number;
  private readonly intervalMs: number;
  private readonly now: () => number;

  constructor(
    private readonly sink: Sink,
    opts: CoalescerOptions = {},
  ) {
    this.floodChars = opts.floodChars ?? FLOOD_CHARS;
    this.intervalMs = opts.intervalMs ?? FLOOD_INTERVAL_MS;
    this.now = opts.now ?? (() => performance.now());
  }

  /** `done` runs once xterm has taken in this text (with whatever it was written together with). */
  write(data: string, done?: () => void): void {
    if (this.disposed) return;
    this.queued.push(data);
    if (done) this.queuedDone.push(done);
    if (this.timer !== undefined) return; // a turn is already booked: this text goes with it
    const wait = this.lastChars >= this.floodChars ? this.lastAt + this.intervalMs - this.now() : 0;
    if (wait <= 0) this.flush();
    else
      this.timer = setTimeout(() => {
        this.flush();
      }, wait);
  }

  /** Drops what waits: the terminal is going away. */
  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queued = [];
    this.queuedDone = [];
  }

  private flush(): void {
    this.timer = undefined;
    const data = this.queued.join('');
    const dones = this.queuedDone;
    this.queued = [];
    this.queuedDone = [];
    this.lastAt = this.now();
    this.lastChars = data.length;
    this.sink(data, () => {
      for (const d of dones) d();
    });
  }
}
