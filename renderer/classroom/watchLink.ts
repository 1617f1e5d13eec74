// The link behind a read-only view of a learner's terminal, without any DOM: asks the server for a watch of
// the learner's terminal into one node, shows its recent output and then what follows, acknowledges what the
// view has rendered (the server sends a watcher a bounded amount ahead of that), follows the learner's
// resizes, and says when the terminal ended. It never sends input: there is no way to.
import { hasErrorCode } from '../../common/apiError.js';
import type { EventPayloads, HalabApi } from '../../common/contract.js';
import { errorInfo } from '../util/errors.js';

export interface WatchView {
  /** Renders text; `done` runs once it is on screen. */
  write(data: string, done?: () => void): void;
  /** A new terminal: clear the screen and take its size. */
  reset(cols: number, rows: number): void;
  resize(cols: number, rows: number): void;
}

export type WatchState =
  | { kind: 'connecting' }
  | { kind: 'open' }
  /** No terminal of the learner on that node right now. */
  | { kind: 'none' }
  /** The learner's terminal ended; `nodeStopped` when its node went down with it. */
  | { kind: 'ended'; nodeStopped: boolean }
  | { kind: 'failed'; message: string }
  | { kind: 'disposed' };

type Early = { kind: 'data'; e: EventPayloads['terminal.data'] } | { kind: 'exit'; e: EventPayloads['terminal.exit'] } | { kind: 'size'; e: EventPayloads['terminal.resized'] };

const MAX_EARLY_EVENTS = 2000;
/** Acks go out at this many characters or after ACK_DELAY_MS, as the learner's own terminal does. */
const ACK_BATCH_CHARS = 64 * 1024;
const ACK_DELAY_MS = 10;

export class WatchLink {
  private id: string | undefined;
  private opening = false;
  private early: Early[] = [];
  private pendingAck = 0;
  private ackTimer: ReturnType<typeof setTimeout> | undefined;
  private current: WatchState = { kind: 'connecting' };
  private readonly unsubscribe: (() => void)[];

  constructor(
    private readonly api: HalabApi,
    private readonly target: { learner: string; lab: string; node: string },
    private readonly view: WatchView,
    private readonly onState: (state: WatchState) => void,
  ) {
    this.unsubscribe = [
      api.on('terminal.data', (e) => {
        this.route({ kind: 'data', e });
      }),
      api.on('terminal.exit', (e) => {
        this.route({ kind: 'exit', e });
      }),
      api.on('terminal.resized', (e) => {
        this.route({ kind: 'size', e });
      }),
    ];
  }

  get state(): WatchState {
    return this.current;
  }

  /** Starts watching (again): the learner's newest terminal into the node. */
  async open(): Promise<void> {
    if (this.opening || this.current.kind === 'disposed' || this.current.kind === 'open') return;
    this.opening = true;
    this.early = [];
    this.setState({ kind: 'connecting' });
    try {
      const watch = await this.api.call('class.watchTerminal', this.target);
      this.opening = false;
      if (this.isDisposed()) {
        void this.api.call('terminal.close', { id: watch.id }).catch(() => undefined);
        return;
      }
      this.id = watch.id;
      this.view.reset(watch.cols, watch.rows);
      if (watch.recent) this.view.write(watch.recent);
      this.setState({ kind: 'open' });
      const early = this.early;
      this.early = [];
      for (const ev of early) if (ev.e.id === watch.id) this.handle(ev);
    } catch (err) {
      this.opening = false;
      this.early = [];
      if (this.isDisposed()) return;
      this.setState(hasErrorCode(err, 'E_NO_TERMINAL') ? { kind: 'none' } : { kind: 'failed', message: errorInfo(err).message });
    }
  }

  dispose(): void {
    const id = this.id;
    this.flushAck();
    this.id = undefined;
    this.setState({ kind: 'disposed' });
    for (const off of this.unsubscribe) off();
    clearTimeout(this.ackTimer);
    if (id) void this.api.call('terminal.close', { id }).catch(() => undefined);
  }

  private route(ev: Early): void {
    if (this.opening) {
      // Events for the watch can come before the answer that names it.
      if (this.early.length < MAX_EARLY_EVENTS) this.early.push(ev);
      return;
    }
    if (this.id !== undefined && ev.e.id === this.id) this.handle(ev);
  }

  private handle(ev: Early): void {
    if (ev.kind === 'data') {
      const { id, data } = ev.e;
      this.view.write(data, () => {
        this.acked(id, data.length);
      });
    } else if (ev.kind === 'size') {
      this.view.resize(ev.e.cols, ev.e.rows);
    } else {
      this.flushAck();
      this.id = undefined;
      this.setState({ kind: 'ended', nodeStopped: ev.e.reason === 'node-stopped' });
    }
  }

  private acked(id: string, chars: number): void {
    if (id !== this.id) return;
    this.pendingAck += chars;
    if (this.pendingAck >= ACK_BATCH_CHARS) this.flushAck();
    else
      this.ackTimer ??= setTimeout(() => {
        this.flushAck();
      }, ACK_DELAY_MS);
  }

  private flushAck(): void {
    clearTimeout(this.ackTimer);
    this.ackTimer = undefined;
    const chars = this.pendingAck;
    this.pendingAck = 0;
    if (chars > 0 && this.id) void this.api.call('terminal.ack', { id: this.id, chars }).catch(() => undefined);
  }

  /** Asked after an await: dispose() may have run meanwhile. */
  private isDisposed(): boolean {
    return this.current.kind === 'disposed';
  }

  private setState(state: WatchState): void {
    this.current = state;
    this.onState(state);
  }
}
