// The terminal's link to the backend, without any DOM: opens the shell, routes this terminal's events
// to the view, acknowledges what the view has rendered (the backend's flow control waits for these acks),
// forwards input and size, and reconnects: by itself with bounded backoff when the node stopped, on
// Enter when the shell ended. Kept apart from xterm so it can be tested on its own.
import { hasErrorCode } from '../../common/apiError.js';
import type { EventPayloads, HalabApi } from '../../common/contract.js';
import type { ErrorCode } from '../../common/errorCodes.js';
import { errorInfo } from '../util/errors.js';
import { EarlyEvents, RenderedAcks } from './terminalFeed.js';

/** What the connection needs from the terminal widget. */
export interface TerminalView {
  /** Renders text; `done` runs once it is on screen. */
  write(data: string, done?: () => void): void;
  size(): { cols: number; rows: number };
}

export type ConnectionState =
  | { kind: 'connecting' }
  | { kind: 'open' }
  /** The node stopped: retrying by itself until it runs again. */
  | { kind: 'waiting-node' }
  /** The shell ended or the link broke: Enter reconnects. */
  | { kind: 'closed'; why: 'shell-exited' | 'error'; code: number | null }
  /** Opening failed for a reason retrying will not fix by itself (lab down, no such node, ...): Enter retries. */
  | { kind: 'failed'; code: ErrorCode; message: string }
  | { kind: 'disposed' };

export interface ConnectionOptions {
  /** Acks are batched: sent at this many characters or after ackDelayMs, whichever first. */
  ackBatchChars?: number;
  ackDelayMs?: number;
  /** Reconnect delays while the node is stopped: doubling from the first, never above the cap. */
  retryFirstMs?: number;
  retryMaxMs?: number;
}

export interface ConnectionHooks {
  onState(state: ConnectionState): void;
  /** A shell was opened again after the previous one ended: the view may mark the break. */
  onReconnected?(): void;
}

type DataEvent = EventPayloads['terminal.data'];
type ExitEvent = EventPayloads['terminal.exit'];
type Early = { kind: 'data'; e: DataEvent } | { kind: 'exit'; e: ExitEvent };

const MAX_QUEUED_INPUT = 4096;

export class TerminalConnection {
  private id: string | undefined;
  private readonly early = new EarlyEvents<Early>();
  private readonly acks: RenderedAcks;
  private queuedInput = '';
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryDelay: number;
  private everOpened = false;
  private current: ConnectionState = { kind: 'connecting' };
  private readonly unsubscribe: (() => void)[];
  private readonly retryFirstMs: number;
  private readonly retryMaxMs: number;

  constructor(
    private readonly api: HalabApi,
    private readonly target: { lab: string; node: string },
    private readonly view: TerminalView,
    private readonly hooks: ConnectionHooks,
    opts: ConnectionOptions = {},
  ) {
    this.acks = new RenderedAcks(api, () => this.id, {
      ...(opts.ackBatchChars !== undefined ? { batchChars: opts.ackBatchChars } : {}),
      ...(opts.ackDelayMs !== undefined ? { delayMs: opts.ackDelayMs } : {}),
    });
    this.retryFirstMs = opts.retryFirstMs ?? 500;
    this.retryMaxMs = opts.retryMaxMs ?? 8000;
    this.retryDelay = this.retryFirstMs;
    this.unsubscribe = [
      api.on('terminal.data', (e) => {
        this.route({ kind: 'data', e });
      }),
      api.on('terminal.exit', (e) => {
        this.route({ kind: 'exit', e });
      }),
      // Hints that the node may run again: try at once instead of waiting for the next retry.
      api.on('topology.update', (t) => {
        if (t.lab === target.lab && t.nodes.some((n) => n.name === target.node && n.state === 'running')) this.retrySoon();
      }),
      api.on('lab.changed', (c) => {
        if (c.lab === target.lab && c.running && this.current.kind === 'failed') void this.open();
      }),
    ];
  }

  get state(): ConnectionState {
    return this.current;
  }

  start(): void {
    void this.open();
  }

  /** Keys and pastes from the view. Enter on an ended terminal reconnects it. */
  input(data: string): void {
    const kind = this.current.kind;
    if (kind === 'open' && this.id) {
      this.send(this.id, data);
    } else if (kind === 'connecting') {
      this.queuedInput = (this.queuedInput + data).slice(0, MAX_QUEUED_INPUT);
    } else if ((kind === 'closed' || kind === 'failed') && data.includes('\r')) {
      void this.open();
    }
  }

  resize(cols: number, rows: number): void {
    // When not connected the next open sends the size anyway.
    if (this.current.kind === 'open' && this.id) void this.api.call('terminal.resize', { id: this.id, cols, rows }).catch(() => undefined);
  }

  /** Something suggests the node runs again (a topology update, a start button): retry now. */
  retrySoon(): void {
    if (this.current.kind !== 'waiting-node') return;
    this.retryDelay = this.retryFirstMs;
    this.scheduleRetry(0);
  }

  dispose(): void {
    const id = this.id;
    this.acks.flush();
    this.id = undefined;
    this.setState({ kind: 'disposed' });
    for (const off of this.unsubscribe) off();
    clearTimeout(this.retryTimer);
    if (id) void this.api.call('terminal.close', { id }).catch(() => undefined);
  }

  private async open(): Promise<void> {
    if (this.early.opening || this.current.kind === 'disposed') return;
    clearTimeout(this.retryTimer);
    this.early.begin();
    this.id = undefined;
    if (this.current.kind !== 'waiting-node') this.setState({ kind: 'connecting' });
    const { cols, rows } = this.view.size();
    let id: string;
    try {
      ({ id } = await this.api.call('terminal.open', { lab: this.target.lab, node: this.target.node, cols, rows }));
    } catch (err) {
      this.early.end();
      if (this.isDisposed()) return;
      const info = errorInfo(err);
      // A stopped node comes back by itself (start_node, a restart): keep trying. Anything else waits for the learner.
      if (info.code === 'E_NODE_STOPPED') {
        this.setState({ kind: 'waiting-node' });
        this.backOff();
      } else {
        this.setState({ kind: 'failed', code: info.code ?? 'E_UNKNOWN', message: info.message });
      }
      return;
    }
    const early = this.early.end(id);
    if (this.isDisposed()) {
      void this.api.call('terminal.close', { id }).catch(() => undefined);
      return;
    }
    this.id = id;
    this.retryDelay = this.retryFirstMs;
    this.setState({ kind: 'open' });
    if (this.everOpened) this.hooks.onReconnected?.();
    this.everOpened = true;
    for (const ev of early) this.handle(ev);
    if (this.queuedInput && this.current.kind === 'open') {
      this.send(id, this.queuedInput);
    }
    this.queuedInput = '';
  }

  private route(ev: Early): void {
    if (this.early.hold(ev)) return;
    if (this.id !== undefined && ev.e.id === this.id) this.handle(ev);
  }

  private handle(ev: Early): void {
    if (ev.kind === 'data') {
      const { id, data } = ev.e;
      this.view.write(data, () => {
        this.acks.rendered(id, data.length);
      });
      return;
    }
    const { reason, code } = ev.e;
    this.acks.flush();
    this.id = undefined;
    if (reason === 'closed') return; // our own close
    if (reason === 'node-stopped') {
      this.setState({ kind: 'waiting-node' });
      this.retryDelay = this.retryFirstMs;
      this.backOff();
    } else {
      this.setState({ kind: 'closed', why: reason === 'shell-exited' ? 'shell-exited' : 'error', code });
    }
  }

  private send(id: string, data: string): void {
    this.api.call('terminal.input', { id, data }).catch((err: unknown) => {
      // The terminal ended without our hearing of it (an event lost with a reconnecting transport).
      if (hasErrorCode(err, 'E_NO_TERMINAL') && this.id === id) {
        this.id = undefined;
        this.setState({ kind: 'closed', why: 'error', code: null });
      }
    });
  }

  /** The next retry after the current delay; the delay doubles up to the cap. */
  private backOff(): void {
    this.scheduleRetry(this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, this.retryMaxMs);
  }

  private scheduleRetry(ms: number): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.open(), ms);
  }

  private isDisposed(): boolean {
    return this.current.kind === 'disposed';
  }

  private setState(state: ConnectionState): void {
    this.current = state;
    this.hooks.onState(state);
  }
}
