// One terminal: a login shell in a node, run as an exec with a TTY, its output decoded and
// flow-controlled on the way to the UI, and its end reported with the reason.
import type { Duplex } from 'node:stream';
import type { ContainerHandle, TtyExec } from '../runtime/containerRuntime.js';
import { OutputDecoder } from './outputDecoder.js';
import { FlowControl } from './flowControl.js';
import { TERMINAL_MARKER, hangUpShell } from './hangup.js';
import type { TerminalExitReason } from './exitReason.js';

export interface TerminalEvents {
  data(text: string): void;
  exit(code: number | null, reason: TerminalExitReason): void;
}

export interface TerminalStartOptions {
  id: string;
  container: ContainerHandle;
  startedAt: string;
  cols: number;
  rows: number;
  events: TerminalEvents;
  /** Flow-control watermarks in characters (defaults: flowControl.ts HIGH_WATERMARK / LOW_WATERMARK). */
  high?: number;
  low?: number;
}

export interface TerminalStats {
  unacked: number;
  maxUnacked: number;
  maxChunk: number;
  paused: boolean;
  pauses: number;
  sentChars: number;
}

export class TerminalSession {
  private readonly decoder: OutputDecoder;
  private readonly flow: FlowControl;
  private sentChars = 0;
  private ended = false;
  private closing = false;
  private silent = false;

  private constructor(
    private readonly opts: TerminalStartOptions,
    private readonly exec: TtyExec,
    private readonly stream: Duplex,
  ) {
    this.flow = new FlowControl(stream, opts.high, opts.low);
    this.decoder = new OutputDecoder(
      (text) => {
        this.sentChars += text.length;
        opts.events.data(text);
      },
      {
        onDecoded: (chars) => {
          this.flow.received(chars);
        },
      },
    );
    stream.on('data', (chunk: Buffer) => {
      this.decoder.push(chunk);
    });
    stream.on('end', () => void this.finish());
    stream.on('close', () => void this.finish());
    stream.on('error', () => void this.finish(true));
  }

  static async start(opts: TerminalStartOptions): Promise<TerminalSession> {
    // A login shell reads the image's bash.bashrc: the tutorials' prompt "[root@lb01 ~]#", home dir, aliases.
    const exec = await opts.container.execTty(['bash', '-l'], ['TERM=xterm-256color', 'LANG=C.UTF-8', `${TERMINAL_MARKER}=${opts.id}`]);
    const session = new TerminalSession(opts, exec, exec.stream);
    await session.resize(opts.cols, opts.rows);
    return session;
  }

  write(data: string): void {
    if (!this.ended) this.stream.write(data);
  }

  async resize(cols: number, rows: number): Promise<void> {
    if (this.ended) return;
    // A shell that already ended cannot be resized; that is not worth an error to the UI.
    await this.exec.resize(cols, rows).catch(() => undefined);
  }

  ack(chars: number): void {
    this.flow.ack(chars);
  }

  stats(): TerminalStats {
    return { unacked: this.flow.unacked, maxUnacked: this.flow.maxUnacked, maxChunk: this.flow.maxChunk, paused: this.flow.paused, pauses: this.flow.pauses, sentChars: this.sentChars };
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** Ends the shell as closing a real terminal would. `silent`: the UI is gone, report nothing. */
  close(silent = false): Promise<void> {
    this.silent ||= silent;
    if (this.closing || this.ended) return Promise.resolve();
    this.closing = true;
    this.stream.destroy();
    return hangUpShell(this.opts.container, this.opts.id).catch(() => undefined);
  }

  private async finish(broken = false): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.decoder.end();
    const { code, reason } = this.closing ? { code: null, reason: 'closed' as const } : await this.whyEnded(broken);
    if (!this.silent) this.opts.events.exit(code, reason);
  }

  private async whyEnded(broken: boolean): Promise<{ code: number | null; reason: TerminalExitReason }> {
    try {
      // The runtime updates the exec's and the container's state a moment after the stream ends: poll briefly.
      let exec = await this.exec.inspect();
      for (let i = 0; i < 20 && exec.running; i++) {
        await sleep(50);
        exec = await this.exec.inspect();
      }
      // A shell killed by a signal (exit code 128+n, or none) usually means its node went down with it.
      const signalled = exec.running || exec.exitCode === null || exec.exitCode >= 128;
      for (let i = 0; i < (signalled ? 10 : 1); i++) {
        if (i > 0) await sleep(50);
        const info = await this.opts.container.inspect();
        if (!info?.running || info.startedAt !== this.opts.startedAt) return { code: null, reason: 'node-stopped' };
      }
      if (broken) return { code: null, reason: 'error' };
      return { code: exec.exitCode, reason: 'shell-exited' };
    } catch {
      // The runtime cannot be reached (a container that is gone reads as stopped above).
      return { code: null, reason: broken ? 'error' : 'node-stopped' };
    }
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
