// progress.report over core/progressReport.ts.
import type { Handlers } from '../handlerTypes.js';
import { progressReportFile } from '../../core/progressReport.js';

export const progressHandlers: Handlers = {
  'progress.report': ({ format, lang }, ctx) => progressReportFile(format, lang, new Date(), ctx.scope),
};
