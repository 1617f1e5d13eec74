// The instructor's live grid: while a dashboard watches, new progress events (a learner's Check, a lab
// started from a later step) are looked for a few times a second and the grid is pushed when any came.
// The grid is also pushed every half minute without events, since "stuck" is a matter of time too.
import type { ClassGrid } from '../../common/classroom.js';
import type { HandlerContext } from '../api/handlerTypes.js';
import type { Classroom } from './classroom.js';

/** A learner's Check reaches the dashboard within this (plus the push itself). */
export const CLASS_POLL_MS = 200;
const REFRESH_MS = 30_000;

export class ClassHub {
  private readonly watchers = new Map<string, HandlerContext>();
  private timer: NodeJS.Timeout | undefined;
  private lastSeq = 0;
  private lastPush = 0;

  /** `extras` adds what the store does not keep: the engines' health and the labs lost with one. */
  constructor(
    private readonly room: Classroom,
    private readonly extras: () => Partial<ClassGrid> = () => ({}),
  ) {}

  grid(): ClassGrid {
    return { ...this.room.store.grid(this.room.labs), ...this.extras() };
  }

  /** Pushes the grid now (something the store does not record changed, such as an engine's health). */
  push(): void {
    this.lastPush = Date.now();
    if (this.watchers.size === 0) return;
    const grid = this.grid();
    for (const ctx of this.watchers.values()) ctx.emit('class.update', grid);
  }

  watch(ctx: HandlerContext): void {
    if (!this.watchers.has(ctx.session))
      ctx.onClose(() => {
        this.unwatch(ctx.session);
      });
    this.watchers.set(ctx.session, ctx);
    ctx.emit('class.update', this.grid());
    if (!this.timer) {
      this.lastSeq = this.room.store.eventsSince(0, 1).length ? this.latestSeq() : 0;
      this.lastPush = Date.now();
      this.timer = setInterval(() => {
        this.poll();
      }, CLASS_POLL_MS);
    }
  }

  unwatch(session: string): void {
    this.watchers.delete(session);
    if (this.watchers.size === 0) this.stop();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private latestSeq(): number {
    let seq = this.lastSeq;
    for (;;) {
      const batch = this.room.store.eventsSince(seq, 1000);
      const last = batch.at(-1);
      if (!last) return seq;
      seq = last.seq;
    }
  }

  private poll(): void {
    const seq = this.latestSeq();
    if (seq === this.lastSeq && Date.now() - this.lastPush < REFRESH_MS) return;
    this.lastSeq = seq;
    this.lastPush = Date.now();
    const grid = this.grid();
    for (const ctx of this.watchers.values()) ctx.emit('class.update', grid);
  }
}
