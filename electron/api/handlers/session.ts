// session.info: who this session is. The single learner's app is always its machine's owner; a classroom
// server answers with the class and the learner (electron/classroom/classHandlers.ts).
import type { Handlers } from '../handlerTypes.js';

export const sessionHandlers: Handlers = {
  'session.info': (_input, ctx) => Promise.resolve({ role: ctx.role, ...(ctx.scope.learner ? { learner: ctx.scope.learner } : {}) }),
};
