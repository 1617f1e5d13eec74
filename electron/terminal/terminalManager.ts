// All open terminals of the main process, owned by the UI session (window or browser socket) that opened
// them: a session sees and controls only its own, and they end when it ends. Another session may be let
// watch one (a class's instructor, a learner's shell): it gets a copy of the output under an id of its own,
// and whatever it sends as input or size is refused. Who may watch whom is the caller's business.
import { randomBytes } from 'node:crypto';
import type { HandlerContext } from '../api/handlerTypes.js';
import { UserError } from '../util/errors.js';
import type { TerminalExitReason } from './exitReason.js';
import { runningNodeContainer } from './nodeContainer.js';
import { RecentOutput } from './recentOutput.js';
import { TerminalSession, type TerminalStats } from './terminalSession.js';
import { TerminalWatcher, type WatcherStats } from './terminalWatcher.js';

export const MAX_TERMINALS_PER_SESSION = 32;
/** Terminals one session may watch at once: a learner's few nodes, several learners side by side. */
export const MAX_WATCHES_PER_SESSION = 32;

interface Entry {
  session: string;
  lab: string;
  node: string;
  terminal: TerminalSession;
  size: { cols: number; rows: number };
  recent: RecentOutput;
  /** Ids of the watches of this terminal. */
  watches: Set<string>;
  /** When it was opened, in the order of opening: a watch takes the newest terminal into a node. */
  seq: number;
}

interface Watch {
  terminalId: string;
  ctx: HandlerContext;
  watcher: TerminalWatcher;
  allowed: () => boolean;
  onEnd: () => void;
}

export interface WatchOptions {
  /** Asked before each piece of output is passed on: false ends the watch at once (access was taken away). */
  allowed?: () => boolean;
  /** The watch ended, for whatever reason. */
  onEnd?: () => void;
}

export interface WatchStart {
  id: string;
  cols: number;
  rows: number;
  /** The terminal's recent output (see recentOutput.ts), so the watcher starts with the screen as it is. */
  recent: string;
}

type EndReason = { code: number | null; reason: TerminalExitReason };
const CLOSED: EndReason = { code: null, reason: 'closed' };

export interface TerminalManagerOptions {
  high?: number;
  low?: number;
}

/** Ids match the contract's `t[0-9a-z]{1,20}` and are unguessable. */
function newId(): string {
  return `t${BigInt(`0x${randomBytes(12).toString('hex')}`)
    .toString(36)
    .slice(0, 20)}`;
}

export class TerminalManager {
  private readonly entries = new Map<string, Entry>();
  /** Terminals per session, opening ones included, so concurrent opens cannot pass the limit. */
  private readonly counts = new Map<string, number>();
  private readonly watchedSessions = new Set<string>();
  private readonly watches = new Map<string, Watch>();
  private readonly changeListeners = new Set<(lab: string) => void>();
  private opened = 0;

  constructor(private readonly opts: TerminalManagerOptions = {}) {}

  async open(lab: string, node: string, cols: number, rows: number, ctx: HandlerContext): Promise<{ id: string }> {
    const count = this.counts.get(ctx.session) ?? 0;
    if (count >= MAX_TERMINALS_PER_SESSION) {
      throw new UserError(`At most ${MAX_TERMINALS_PER_SESSION} terminals can be open in one window.`, { fix: 'Close a terminal you no longer use.', code: 'E_TERMINAL_LIMIT' });
    }
    this.counts.set(ctx.session, count + 1);
    this.watchSession(ctx);
    try {
      const { container, startedAt } = await runningNodeContainer(lab, node);
      const id = newId();
      const recent = new RecentOutput();
      const watches = new Set<string>();
      const terminal = await TerminalSession.start({
        id,
        container,
        startedAt,
        cols,
        rows,
        high: this.opts.high,
        low: this.opts.low,
        events: {
          data: (data) => {
            safeEmit(() => {
              ctx.emit('terminal.data', { id, data });
            });
            recent.push(data);
            this.fanOut(watches, data);
          },
          exit: (code, reason) => {
            this.forget(id, { code, reason });
            safeEmit(() => {
              ctx.emit('terminal.exit', { id, code, reason });
            });
          },
        },
      });
      if (!this.watchedSessions.has(ctx.session)) {
        // The window closed while the shell was starting.
        await terminal.close(true);
        throw new UserError('The window that asked for this terminal is gone.', { code: 'E_SESSION_CLOSED' });
      }
      if (terminal.isEnded) this.release(ctx.session);
      else {
        this.entries.set(id, { session: ctx.session, lab, node, terminal, size: { cols, rows }, recent, watches, seq: ++this.opened });
        this.changed(lab);
      }
      return { id };
    } catch (err) {
      this.release(ctx.session);
      throw err;
    }
  }

  input(id: string, data: string, ctx: HandlerContext): void {
    this.refuseWatch(id, ctx);
    this.get(id, ctx).terminal.write(data);
  }

  async resize(id: string, cols: number, rows: number, ctx: HandlerContext): Promise<void> {
    this.refuseWatch(id, ctx);
    const entry = this.get(id, ctx);
    entry.size = { cols, rows };
    for (const wid of entry.watches) {
      const w = this.watches.get(wid);
      if (w)
        safeEmit(() => {
          w.ctx.emit('terminal.resized', { id: wid, cols, rows });
        });
    }
    await entry.terminal.resize(cols, rows);
  }

  ack(id: string, chars: number, ctx: HandlerContext): void {
    const watch = this.ownWatch(id, ctx);
    if (watch) watch.watcher.ack(chars);
    else this.get(id, ctx).terminal.ack(chars);
  }

  async close(id: string, ctx: HandlerContext): Promise<void> {
    if (this.ownWatch(id, ctx)) {
      this.endWatch(id);
      return;
    }
    const entry = this.get(id, ctx);
    this.forget(id);
    await entry.terminal.close();
  }

  /**
   * Lets `ctx`'s session watch the newest open terminal of `lab` (an instance) into `node`: a copy of its
   * output from now on, after its recent output. The watch ends with the terminal (its watcher gets the
   * terminal's terminal.exit under the watch's id), with terminal.close of the watch's id, or with the session.
   */
  watch(lab: string, node: string, ctx: HandlerContext, opts: WatchOptions = {}): WatchStart {
    const found = [...this.entries].filter(([, e]) => e.lab === lab && e.node === node && !e.terminal.isEnded).sort(([, a], [, b]) => b.seq - a.seq)[0];
    if (!found) throw new UserError(`No terminal is open on ${node} now.`, { fix: 'It shows here as soon as one is opened.', code: 'E_NO_TERMINAL' });
    if ([...this.watches.values()].filter((w) => w.ctx.session === ctx.session).length >= MAX_WATCHES_PER_SESSION) {
      throw new UserError(`At most ${MAX_WATCHES_PER_SESSION} terminals can be watched in one window.`, { fix: 'Close a view you no longer use.', code: 'E_TERMINAL_LIMIT' });
    }
    const [terminalId, entry] = found;
    const id = newId();
    const watcher = new TerminalWatcher((data) => {
      safeEmit(() => {
        ctx.emit('terminal.data', { id, data });
      });
    });
    this.watches.set(id, { terminalId, ctx, watcher, allowed: opts.allowed ?? ((): boolean => true), onEnd: opts.onEnd ?? ((): void => undefined) });
    entry.watches.add(id);
    this.watchSession(ctx);
    return { id, cols: entry.size.cols, rows: entry.size.rows, recent: entry.recent.text() };
  }

  /** Ends a watch, telling its watcher why when `why` is given. Unknown ids are ignored. */
  endWatch(id: string, why?: EndReason): void {
    const watch = this.watches.get(id);
    if (!watch) return;
    this.watches.delete(id);
    this.entries.get(watch.terminalId)?.watches.delete(id);
    if (why)
      safeEmit(() => {
        watch.ctx.emit('terminal.exit', { id, code: why.code, reason: why.reason });
      });
    watch.onEnd();
  }

  /** Nodes of `lab` (an instance) that have a terminal open, in no particular order. */
  openNodes(lab: string): string[] {
    return [...new Set([...this.entries.values()].filter((e) => e.lab === lab && !e.terminal.isEnded).map((e) => e.node))];
  }

  /** Calls `listener` with the instance whenever one of its terminals opens or ends. Returns the unsubscribe. */
  onChange(listener: (lab: string) => void): () => void {
    this.changeListeners.add(listener);
    return () => {
      this.changeListeners.delete(listener);
    };
  }

  /** Flow figures of one of this session's watches, for tests and diagnostics. */
  watchStats(id: string, ctx: HandlerContext): WatcherStats | undefined {
    return this.ownWatch(id, ctx)?.watcher.stats();
  }

  /** Ends every terminal of a session without reporting (its UI is gone), and the session's watches. */
  async closeSession(session: string): Promise<void> {
    for (const [id, w] of [...this.watches]) if (w.ctx.session === session) this.endWatch(id);
    const mine = [...this.entries].filter(([, e]) => e.session === session);
    for (const [id] of mine) this.forget(id);
    this.watchedSessions.delete(session);
    await Promise.all(mine.map(([, e]) => e.terminal.close(true)));
  }

  /** Flow-control figures of one terminal, for tests and diagnostics. */
  stats(id: string, ctx: HandlerContext): TerminalStats {
    return this.get(id, ctx).terminal.stats();
  }

  /** Open terminals of a session (all sessions when omitted). */
  openCount(session?: string): number {
    return [...this.entries.values()].filter((e) => session === undefined || e.session === session).length;
  }

  private get(id: string, ctx: HandlerContext): Entry {
    const entry = this.entries.get(id);
    // Another session's terminal is reported exactly like a missing one: ids do not leak across windows.
    if (!entry || entry.session !== ctx.session) {
      throw new UserError(`There is no open terminal "${id}" (it was closed, or its node stopped).`, { fix: 'Open the terminal again.', code: 'E_NO_TERMINAL' });
    }
    return entry;
  }

  /** A session's own watch under this id, if it is one. */
  private ownWatch(id: string, ctx: HandlerContext): Watch | undefined {
    const watch = this.watches.get(id);
    return watch?.ctx.session === ctx.session ? watch : undefined;
  }

  /** A watcher sees, it does not type: its input and size are refused, not dropped in silence. */
  private refuseWatch(id: string, ctx: HandlerContext): void {
    if (this.ownWatch(id, ctx)) throw new UserError('This terminal is shown read-only: only its owner can type into it or resize it.', { code: 'E_FORBIDDEN' });
  }

  private fanOut(watchIds: ReadonlySet<string>, data: string): void {
    for (const id of [...watchIds]) {
      const watch = this.watches.get(id);
      if (!watch) continue;
      if (watch.allowed()) watch.watcher.push(data);
      else this.endWatch(id, CLOSED);
    }
  }

  private forget(id: string, why: EndReason = CLOSED): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.release(entry.session);
    for (const wid of [...entry.watches]) this.endWatch(wid, why);
    this.changed(entry.lab);
  }

  private changed(lab: string): void {
    for (const listener of [...this.changeListeners]) {
      try {
        listener(lab);
      } catch {
        // a listener's failure is its own; the terminals go on
      }
    }
  }

  private release(session: string): void {
    const n = (this.counts.get(session) ?? 1) - 1;
    if (n > 0) this.counts.set(session, n);
    else this.counts.delete(session);
  }

  private watchSession(ctx: HandlerContext): void {
    if (this.watchedSessions.has(ctx.session)) return;
    this.watchedSessions.add(ctx.session);
    ctx.onClose(() => void this.closeSession(ctx.session));
  }
}

/** A session that is going away may refuse events; that must not break the terminal's bookkeeping. */
function safeEmit(send: () => void): void {
  try {
    send();
  } catch {
    // dropped: nobody is listening any more
  }
}

/** The process's terminals: the terminal.* handlers use this one. */
export const terminalManager = new TerminalManager();
