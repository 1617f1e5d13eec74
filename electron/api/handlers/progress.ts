// progress.report: the learner's progress as JSON (for tools) or a self-contained HTML page (for people).
import type { Handlers } from '../handlerTypes.js';
import { buildProgressReport, reportFilename } from '../../reports/progressReport.js';
import { renderProgressHtml } from '../../reports/progressHtml.js';

export const progressHandlers: Handlers = {
  'progress.report': async ({ format, lang }) => {
    const report = await buildProgressReport();
    if (format === 'json') return { filename: reportFilename(report, 'json'), mime: 'application/json', content: `${JSON.stringify(report, null, 2)}\n` };
    return { filename: reportFilename(report, 'html'), mime: 'text/html; charset=utf-8', content: renderProgressHtml(report, lang) };
  },
};
