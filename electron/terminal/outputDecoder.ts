// Turns a terminal's raw output bytes into text events. A StringDecoder keeps the bytes of a character
// that a chunk edge cuts in half until the rest arrives, so Chinese text (3 bytes a character) and emoji
// are never broken. A chunk that follows a quiet moment (a keystroke's echo) is sent at once; the small
// chunks of a burst that follow it are coalesced into one event to spare the transport.
import { StringDecoder } from 'node:string_decoder';

export interface DecoderOptions {
  /** How long a small chunk may wait for company before it is sent. */
  delayMs?: number;
  /** Pending text at or above this size is sent at once. */
  maxBatchChars?: number;
  /** Told each decoded piece's size before it can be emitted, so flow control counts before any ack. */
  onDecoded?: (chars: number) => void;
}

export class OutputDecoder {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private timer: NodeJS.Timeout | undefined;
  private lastPushAt = -Infinity;
  private readonly delayMs: number;
  private readonly maxBatchChars: number;
  private readonly onDecoded: (chars: number) => void;

  constructor(
    private readonly emit: (text: string) => void,
    opts: DecoderOptions = {},
  ) {
    this.delayMs = opts.delayMs ?? 5;
    this.maxBatchChars = opts.maxBatchChars ?? 32 * 1024;
    this.onDecoded = opts.onDecoded ?? ((): void => undefined);
  }

  push(chunk: Buffer): void {
    const text = this.decoder.write(chunk);
    if (text === '') return;
    this.onDecoded(text.length);
    this.pending += text;
    const now = Date.now();
    const quietBefore = now - this.lastPushAt >= this.delayMs && this.timer === undefined;
    this.lastPushAt = now;
    if (quietBefore || this.pending.length >= this.maxBatchChars) this.flush();
    else
      this.timer ??= setTimeout(() => {
        this.flush();
      }, this.delayMs);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    this.emit(text);
  }

  /** End of stream: an incomplete trailing sequence comes out as U+FFFD, as any decoder would show it. */
  end(): void {
    const rest = this.decoder.end();
    if (rest !== '') this.onDecoded(rest.length);
    this.pending += rest;
    this.flush();
  }
}
