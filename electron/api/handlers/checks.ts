// checks.run: grades one step on the running lab and records it (core/grading.ts).
import type { Handlers } from '../handlerTypes.js';
import { gradeStep, stepResultView } from '../../core/grading.js';
import { runningLab } from '../../core/labAccess.js';

export const checksHandlers: Handlers = {
  'checks.run': async ({ lab, step }, ctx) => stepResultView(await gradeStep(await runningLab(ctx.scope.instance(lab)), step, ctx.scope.progress)),
};
