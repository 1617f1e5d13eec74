// The link behind a read-only view of a learner's terminal, without any DOM: asks the server for a watch of
// the learner's terminal into one node, shows its recent output and then what follows, acknowledges what the
// view has rendered (the server sends a watcher a bounded amount ahead of that), follows the learner's
// resizes, and says when the terminal ended. It never sends input: there is no way to.
import { hasErrorCode } from '../../common/apiError.js';
import type { EventPayloads, HalabApi } from '../../common/contract.js';
import { errorInfo } from '../util/errors.js';
import { EarlyEvents, RenderedAcks } from '../terminal/terminalFeed.js';

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

export class WatchLink {
  private id: string | undefined;
  private readonly early = new EarlyEvents<Early>();
  /** Batched as the learner's own terminal does. */
  private readonly acks: RenderedAcks;
  private current: WatchState = { kind: 'connecting' };
  private readonly unsubscribe: (() => void)[];

  constructor(
    private readonly api: HalabApi,
    private readonly target: { learner: string; lab: string; node: string },
    private readonly view: WatchView,
    private readonly onState: (state: WatchState) => void,
  ) {
    this.acks = new RenderedAcks(api, () => this.id);
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
    if (this.early.opening || this.current.kind === 'disposed' || this.current.kind === 'open') return;
    this.early.begin();
    this.setState({ kind: 'connecting' });
    try {
      const watch = await this.api.call('class.watchTerminal', this.target);
      const early = this.early.end(watch.id);
      if (this.isDisposed()) {
        void this.api.call('terminal.close', { id: watch.id }).catch(() => undefined);
        return;
      }
      this.id = watch.id;
      this.view.reset(watch.cols, watch.rows);
      if (watch.recent) this.view.write(watch.recent);
      this.setState({ kind: 'open' });
      for (const ev of early) this.handle(ev);
    } catch (err) {
      this.early.end();
      if (this.isDisposed()) return;
      this.setState(hasErrorCode(err, 'E_NO_TERMINAL') ? { kind: 'none' } : { kind: 'failed', message: errorInfo(err).message });
    }
  }

  dispose(): void {
    const id = this.id;
    this.acks.flush();
    this.id = undefined;
    this.setState({ kind: 'disposed' });
    for (const off of this.unsubscribe) off();
    if (id) void this.api.call('terminal.close', { id }).catch(() => undefined);
  }

  private route(ev: Early): void {
    // Events for the watch can come before the answer that names it.
    if (this.early.hold(ev)) return;
    if (this.id !== undefined && ev.e.id === this.id) this.handle(ev);
  }

  private handle(ev: Early): void {
    if (ev.kind === 'data') {
      const { id, data } = ev.e;
      this.view.write(data, () => {
        this.acks.rendered(id, data.length);
      });
    } else if (ev.kind === 'size') {
      this.view.resize(ev.e.cols, ev.e.rows);
    } else {
      this.acks.flush();
      this.id = undefined;
      this.setState({ kind: 'ended', nodeStopped: ev.e.reason === 'node-stopped' });
    }
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
