// All open terminals of the main process, owned by the UI session (window or browser socket) that opened
// them: a session sees and controls only its own, and they end when it ends.
import { randomBytes } from 'node:crypto';
import type { HandlerContext } from '../api/handlerTypes.js';
import { UserError } from '../util/errors.js';
import { runningNodeContainer } from './nodeContainer.js';
import { TerminalSession, type TerminalStats } from './terminalSession.js';

export const MAX_TERMINALS_PER_SESSION = 32;

interface Entry {
  session: string;
  lab: string;
  node: string;
  terminal: TerminalSession;
}

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
          },
          exit: (code, reason) => {
            this.forget(id);
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
      else this.entries.set(id, { session: ctx.session, lab, node, terminal });
      return { id };
    } catch (err) {
      this.release(ctx.session);
      throw err;
    }
  }

  input(id: string, data: string, ctx: HandlerContext): void {
    this.get(id, ctx).terminal.write(data);
  }

  async resize(id: string, cols: number, rows: number, ctx: HandlerContext): Promise<void> {
    await this.get(id, ctx).terminal.resize(cols, rows);
  }

  ack(id: string, chars: number, ctx: HandlerContext): void {
    this.get(id, ctx).terminal.ack(chars);
  }

  async close(id: string, ctx: HandlerContext): Promise<void> {
    const entry = this.get(id, ctx);
    this.forget(id);
    await entry.terminal.close();
  }

  /** Ends every terminal of a session without reporting (its UI is gone). */
  async closeSession(session: string): Promise<void> {
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

  private forget(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.release(entry.session);
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
