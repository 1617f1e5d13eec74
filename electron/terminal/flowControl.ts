// Flow control between a terminal's output and the UI that renders it (Tabby's scheme): characters sent
// but not yet acknowledged as rendered are counted; above the high watermark the source is paused, so a
// `cat` of a big file or a running `tcpdump` waits in the node's pty instead of piling up in memory or
// flooding the renderer; below the low watermark it resumes.

export interface Pausable {
  pause(): unknown;
  resume(): unknown;
}

// The renderer gathers up to 40 ms of a flood before drawing it (renderer/terminal/writeCoalescer.ts):
// at 8 MB/s that is about 320 K characters, which a 512 K mark turned into frequent pauses.
export const HIGH_WATERMARK = 1024 * 1024;
export const LOW_WATERMARK = 256 * 1024;

export class FlowControl {
  private unackedChars = 0;
  private pausedNow = false;
  /** The largest backlog seen: tests and diagnostics read it. */
  maxUnacked = 0;
  /** The largest single increment: the backlog can pass the high watermark by at most this much. */
  maxChunk = 0;
  pauses = 0;

  constructor(
    private readonly source: Pausable,
    readonly high = HIGH_WATERMARK,
    readonly low = LOW_WATERMARK,
  ) {
    if (!(low < high)) throw new Error('the low watermark must be below the high one');
  }

  get unacked(): number {
    return this.unackedChars;
  }

  get paused(): boolean {
    return this.pausedNow;
  }

  received(chars: number): void {
    this.unackedChars += chars;
    if (chars > this.maxChunk) this.maxChunk = chars;
    if (this.unackedChars > this.maxUnacked) this.maxUnacked = this.unackedChars;
    if (!this.pausedNow && this.unackedChars > this.high) {
      this.pausedNow = true;
      this.pauses++;
      this.source.pause();
    }
  }

  /** The UI rendered `chars` more characters. Over-acknowledging (a confused UI) cannot go below zero. */
  ack(chars: number): void {
    this.unackedChars = Math.max(0, this.unackedChars - chars);
    if (this.pausedNow && this.unackedChars < this.low) {
      this.pausedNow = false;
      this.source.resume();
    }
  }
}
