// The instructor's look at one learner's lab: its live topology through the app's own topology watch (run
// with that learner's scope, pushed as class.topology), which nodes have a terminal open, and a read-only
// copy of one of those terminals. Only a learner of this class, in one of its labs; once a learner is taken
// out of the class nothing more of theirs is passed on, and their open views end within MEMBERSHIP_SWEEP_MS.
// Looking does not count as the learner's activity: it neither keeps a lab from its idle suspension nor
// wakes it.
import type { EventName, EventPayloads, LearnerLabView, MethodInput, MethodOutput } from '../../common/contract.js';
import type { Handler, HandlerContext } from '../api/handlerTypes.js';
import { allHandlers } from '../api/handlers/index.js';
import type { LearnerScope } from '../core/learnerScope.js';
import { findPack } from '../labs/catalog.js';
import { terminalManager, type TerminalManager } from '../terminal/terminalManager.js';
import { loadInstance } from '../topology/instances.js';
import type { Classroom } from './classroom.js';
import type { ClassLoad } from './classLoad.js';
import { classLearnerScope } from './classScope.js';
import { isClassLearner, requireClassLabId, requireClassLearner, requireInstructor, requireLabNode } from './instructorOnly.js';
import type { Learner } from './types.js';

/** How soon the open views of a learner taken out of the class end, when nothing of theirs moves meanwhile. */
export const MEMBERSHIP_SWEEP_MS = 2000;

interface Inspection {
  learner: Learner;
  lab: string;
  instance: string;
  ctx: HandlerContext;
  /** The last view pushed, to push only changes. */
  last: string;
  /** Refreshes run one after another, so pushes keep their order. */
  queue: Promise<void>;
}

export class ClassInspector {
  /** By session and instance. */
  private readonly inspections = new Map<string, Inspection>();
  /** Terminal watches handed out: watch id -> session and learner. */
  private readonly watches = new Map<string, { session: string; learner: string }>();
  private readonly closingSessions = new Set<string>();
  private offTerminals: (() => void) | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private readonly topologyWatch = allHandlers['topology.watch'] as Handler<'topology.watch'>;

  constructor(
    private readonly room: Classroom,
    private readonly load: ClassLoad,
    private readonly terminals: TerminalManager = terminalManager,
  ) {}

  async inspect({ learner, lab, on }: MethodInput<'class.inspect'>, ctx: HandlerContext): Promise<LearnerLabView> {
    requireInstructor(ctx);
    requireClassLabId(this.room, lab);
    if (!on) return this.stopInspecting(learner, lab, ctx);
    const who = requireClassLearner(this.room, learner);
    const scope = classLearnerScope(this.room.store, who);
    const instance = scope.instance(lab);
    const key = `${ctx.session}\n${instance}`;
    const inspection: Inspection = this.inspections.get(key) ?? { learner: who, lab, instance, ctx, last: '', queue: Promise.resolve() };
    this.inspections.set(key, inspection);
    this.whenSessionEnds(ctx);
    this.keepWatching();
    await this.topologyWatch({ lab, on: true }, this.learnerContext(key, ctx, scope));
    const view = await this.view(who, lab, instance);
    inspection.last = JSON.stringify(view);
    return view;
  }

  async watchTerminal({ learner, lab, node }: MethodInput<'class.watchTerminal'>, ctx: HandlerContext): Promise<MethodOutput<'class.watchTerminal'>> {
    requireInstructor(ctx);
    requireClassLabId(this.room, lab);
    const who = requireClassLearner(this.room, learner);
    await requireLabNode(lab, node);
    let id = '';
    const start = this.terminals.watch(classLearnerScope(this.room.store, who).instance(lab), node, ctx, {
      allowed: () => isClassLearner(this.room, who.id),
      onEnd: () => {
        this.watches.delete(id);
      },
    });
    id = start.id;
    this.watches.set(id, { session: ctx.session, learner: who.id });
    this.keepWatching();
    return start;
  }

  private async stopInspecting(learner: string, lab: string, ctx: HandlerContext): Promise<LearnerLabView> {
    // A learner taken out of the class can still be let go of; an unknown one is refused.
    const who = this.room.store.learner(learner) ?? requireClassLearner(this.room, learner);
    const scope = classLearnerScope(this.room.store, who);
    const key = `${ctx.session}\n${scope.instance(lab)}`;
    this.inspections.delete(key);
    await this.topologyWatch({ lab, on: false }, this.learnerContext(key, ctx, scope));
    this.idle();
    return this.view(who, lab, scope.instance(lab));
  }

  /** The instructor's session, seen by the topology watch as if it were the learner's; its pushes relabelled. */
  private learnerContext(key: string, ctx: HandlerContext, scope: LearnerScope): HandlerContext {
    const learner = scope.learner?.id ?? '';
    return {
      session: ctx.session,
      scope,
      role: ctx.role,
      onClose: (cleanup) => {
        ctx.onClose(cleanup);
      },
      emit: <E extends EventName>(event: E, payload: EventPayloads[E]): void => {
        if (event !== 'topology.update' || !this.inspections.has(key)) return;
        if (!isClassLearner(this.room, learner)) {
          void this.end(key);
          return;
        }
        ctx.emit('class.topology', { ...(payload as EventPayloads['topology.update']), learner });
        this.refresh(key); // a lab that started or stopped changes the view
      },
    };
  }

  private async view(who: Learner, lab: string, instance: string): Promise<LearnerLabView> {
    const removed = !isClassLearner(this.room, who.id);
    const running = !removed && (await loadInstance(instance))?.state === 'up' && !this.load.isSuspended(instance);
    const open = new Set(removed ? [] : this.terminals.openNodes(instance));
    const nodes = (await findPack(lab)).manifest.topology.nodes.map((n) => n.name);
    return { learner: { id: who.id, name: who.name }, lab, running, terminals: nodes.filter((n) => open.has(n)), ...(removed ? { removed: true } : {}) };
  }

  /** Pushes the view again if it changed. */
  private refresh(key: string): void {
    const inspection = this.inspections.get(key);
    if (!inspection) return;
    inspection.queue = inspection.queue
      .then(async () => {
        const view = await this.view(inspection.learner, inspection.lab, inspection.instance);
        const json = JSON.stringify(view);
        if (json === inspection.last || this.inspections.get(key) !== inspection) return;
        inspection.last = json;
        inspection.ctx.emit('class.inspect', view);
      })
      .catch(() => undefined); // the next change tries again
  }

  /** The learner left the class: their view says so once, and their topology and terminal views end. */
  private async end(key: string): Promise<void> {
    const inspection = this.inspections.get(key);
    if (!inspection) return;
    this.inspections.delete(key);
    const { learner, lab, ctx } = inspection;
    this.endWatchesOf(learner.id, ctx.session);
    inspection.ctx.emit('class.inspect', { learner: { id: learner.id, name: learner.name }, lab, running: false, terminals: [], removed: true });
    await this.topologyWatch({ lab, on: false }, this.learnerContext(key, ctx, classLearnerScope(this.room.store, learner))).catch(() => undefined);
    this.idle();
  }

  private endWatchesOf(learner: string, session?: string): void {
    for (const [id, w] of [...this.watches]) if (w.learner === learner && (session === undefined || w.session === session)) this.terminals.endWatch(id, { code: null, reason: 'closed' });
  }

  private sweep(): void {
    for (const [key, inspection] of [...this.inspections]) if (!isClassLearner(this.room, inspection.learner.id)) void this.end(key);
    for (const { learner } of [...this.watches.values()]) if (!isClassLearner(this.room, learner)) this.endWatchesOf(learner);
    this.idle();
  }

  /** While anything is looked at: terminal changes refresh the views, and removals are looked for. */
  private keepWatching(): void {
    this.offTerminals ??= this.terminals.onChange((instance) => {
      for (const [key, inspection] of this.inspections) if (inspection.instance === instance) this.refresh(key);
    });
    if (!this.sweepTimer) {
      this.sweepTimer = setInterval(() => {
        this.sweep();
      }, MEMBERSHIP_SWEEP_MS);
      this.sweepTimer.unref();
    }
  }

  /** Nothing is looked at any more: no timer, no listener. */
  private idle(): void {
    if (this.inspections.size > 0 || this.watches.size > 0) return;
    clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
    this.offTerminals?.();
    this.offTerminals = undefined;
  }

  private whenSessionEnds(ctx: HandlerContext): void {
    if (this.closingSessions.has(ctx.session)) return;
    this.closingSessions.add(ctx.session);
    // The topology watch and the terminal watches release themselves with the session.
    ctx.onClose(() => {
      this.closingSessions.delete(ctx.session);
      for (const key of [...this.inspections.keys()]) if (key.startsWith(`${ctx.session}\n`)) this.inspections.delete(key);
      this.idle();
    });
  }
}
