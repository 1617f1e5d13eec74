// The API of a classroom server: the app's own methods, scoped to each learner by the session's identity,
// with the class's rules on top (a learner sees and starts the class's labs only, within their share),
// and the instructor's methods (the grid, reports, messages, resetting a learner's lab, looking at one
// learner's lab live: classInspect.ts).
import type { Handler, HandlerContext, Handlers } from '../api/handlerTypes.js';
import { allHandlers } from '../api/handlers/index.js';
import { broadcast, broadcastTo } from '../api/dispatch.js';
import { resetLab } from '../core/lifecycle.js';
import { UserError } from '../util/errors.js';
import type { Classroom } from './classroom.js';
import type { ClassHub } from './classHub.js';
import type { ClassLoad } from './classLoad.js';
import { withActivity } from './classActivity.js';
import { isSuspended, resumeLab } from '../core/suspend.js';
import { loadInstance } from '../topology/instances.js';
import { classLearnerScope, classProgressBook, learnerInstance } from './classScope.js';
import { ClassInspector } from './classInspect.js';
import { requireInstructor } from './instructorOnly.js';

function requireClassLab(room: Classroom, ctx: HandlerContext, lab: string): void {
  if (ctx.role === 'learner' && !room.labs.some((l) => l.id === lab)) {
    throw new UserError(`"${lab}" is not one of this class's labs.`, { fix: `The class works on: ${room.labs.map((l) => l.id).join(', ')}.`, code: 'E_FORBIDDEN' });
  }
}

/** A learner runs at most `runningLabs` labs at once (those being started count): another start waits until one is stopped. */
async function requireShare(room: Classroom, load: ClassLoad, ctx: HandlerContext, lab: string): Promise<void> {
  if (ctx.role !== 'learner' || !ctx.scope.learner) return;
  const learnerId = ctx.scope.learner.id;
  const mine = (await load.labsOf(learnerId)).filter((i) => i !== ctx.scope.instance(lab));
  if (mine.length >= room.limits.runningLabs) {
    throw new UserError(`You already run ${mine.map((i) => i.slice(learnerId.length + 1)).join(', ')}: a learner runs ${room.limits.runningLabs} lab(s) at a time in this class.`, {
      fix: 'Stop that lab first (your files and progress stay), then start this one.',
      code: 'E_LIMIT',
    });
  }
}

/**
 * Wraps a lab-starting method with the class's rules: the class's labs only, the learner's share, and the
 * machine's capacity (a place in the queue beyond it). Starting a suspended lab resumes it.
 */
function guarded<M extends 'lab.up' | 'lab.reset' | 'lab.startFrom'>(room: Classroom, load: ClassLoad, method: M): Handler<M> {
  const base = allHandlers[method] as Handler<M>;
  return async (input, ctx) => {
    requireClassLab(room, ctx, input.lab);
    if (ctx.role !== 'learner') return base(input, ctx);
    const instance = ctx.scope.instance(input.lab);
    const running = (await loadInstance(instance))?.state === 'up';
    try {
      // Queued, the same request is carried out when its turn comes: a resume resumes, a start from a step starts there.
      if (running && method === 'lab.up' && (await isSuspended(instance))) {
        await load.admit(ctx.scope, input.lab, undefined, async () => {
          await resumeLab(instance);
          return base(input, ctx);
        });
        await resumeLab(instance);
      } else if (!running) {
        await load.admit(
          ctx.scope,
          input.lab,
          () => requireShare(room, load, ctx, input.lab),
          () => base(input, ctx),
        );
      }
      load.touch(instance);
      const detail = await base(input, ctx);
      load.running(instance);
      return detail;
    } finally {
      load.started(instance);
    }
  };
}

export function classroomHandlers(room: Classroom, hub: ClassHub, load: ClassLoad): Handlers {
  const labsList = allHandlers['labs.list'] as Handler<'labs.list'>;
  const labsGet = allHandlers['labs.get'] as Handler<'labs.get'>;
  const imageBuild = allHandlers['image.build'] as Handler<'image.build'>;
  const inspector = new ClassInspector(room, load);
  const classOnly: Handlers = {
    'session.info': (_input, ctx) =>
      Promise.resolve({
        role: ctx.role,
        className: room.name,
        labs: room.labs.map((l) => l.id),
        ...(ctx.scope.learner ? { learner: ctx.scope.learner } : {}),
      }),
    // A suspended lab shows as stopped: Start resumes it.
    'labs.list': async (input, ctx) => {
      const labs = await labsList(input, ctx);
      if (ctx.role !== 'learner') return labs;
      return labs.filter((l) => room.labs.some((c) => c.id === l.id)).map((l) => (load.isSuspended(ctx.scope.instance(l.id)) ? { ...l, running: false } : l));
    },
    'labs.get': async (input, ctx) => {
      const detail = await labsGet(input, ctx);
      return load.isSuspended(ctx.scope.instance(input.lab)) ? { ...detail, running: false } : detail;
    },
    // Building the node image is the server's business: a learner could keep the machine rebuilding it.
    'image.build': (input, ctx) => {
      if (ctx.role === 'learner') throw new UserError('Only the instructor can build the lab image.', { code: 'E_FORBIDDEN' });
      return imageBuild(input, ctx);
    },
    'lab.up': guarded(room, load, 'lab.up'),
    'lab.reset': guarded(room, load, 'lab.reset'),
    'lab.startFrom': guarded(room, load, 'lab.startFrom'),
    'class.grid': (_input, ctx) => {
      requireInstructor(ctx);
      return Promise.resolve(hub.grid());
    },
    'class.watch': (input, ctx) => {
      requireInstructor(ctx);
      if (input.on) hub.watch(ctx);
      else hub.unwatch(ctx.session);
      return Promise.resolve({ ok: true });
    },
    'class.report': ({ format, lang }, ctx) => {
      requireInstructor(ctx);
      const date = new Date().toISOString().slice(0, 10);
      const base = `halab-class-${room.name.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40) || 'class'}-${date}`;
      if (format === 'csv') return Promise.resolve({ filename: `${base}.csv`, mime: 'text/csv; charset=utf-8', content: room.store.classReportCsv(room.labs) });
      if (format === 'html') return Promise.resolve({ filename: `${base}.html`, mime: 'text/html; charset=utf-8', content: room.store.classReportHtml(lang, room.labs) });
      return Promise.resolve({ filename: `${base}.json`, mime: 'application/json', content: `${JSON.stringify(room.store.classReport(room.labs), null, 2)}\n` });
    },
    'class.message': ({ text }, ctx) => {
      requireInstructor(ctx);
      const message = room.store.postMessage(text);
      broadcast('class.message', message);
      return Promise.resolve(message);
    },
    'class.messages': () => Promise.resolve(room.store.messages()),
    'class.resetLab': async ({ learner, lab }, ctx) => {
      requireInstructor(ctx);
      const who = room.store.learner(learner);
      if (!who || who.revokedAt) throw new UserError(`There is no learner "${learner}" in this class.`, { code: 'E_BAD_INPUT' });
      if (!room.labs.some((l) => l.id === lab)) throw new UserError(`"${lab}" is not one of this class's labs.`, { code: 'E_BAD_INPUT' });
      const scope = classLearnerScope(room.store, who);
      const { backup } = await resetLab(lab, { instance: learnerInstance(who.id, lab), progress: classProgressBook(room.store, who.id) });
      broadcastTo(scope, 'lab.changed', { lab, running: true });
      return { backup };
    },
    'class.inspect': (input, ctx) => inspector.inspect(input, ctx),
    'class.watchTerminal': (input, ctx) => inspector.watchTerminal(input, ctx),
  };
  return { ...allHandlers, ...withActivity(allHandlers, load), ...classOnly };
}
