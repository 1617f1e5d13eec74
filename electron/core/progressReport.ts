// The learner's progress as a file: JSON for tools, a self-contained HTML page for people. The app's
// "Export progress" and `halab report` write the same file.
import type { Lang } from '../../common/contract.js';
import { buildProgressReport, reportFilename } from '../reports/progressReport.js';
import { localScope, type LearnerScope } from './learnerScope.js';
import { renderProgressHtml } from '../reports/progressHtml.js';

export interface ReportFile {
  filename: string;
  mime: string;
  content: string;
}

export async function progressReportFile(format: 'json' | 'html', lang: Lang, now = new Date(), scope: LearnerScope = localScope): Promise<ReportFile> {
  const report = await buildProgressReport(now, { book: scope.progress, ...(scope.learner ? { learner: scope.learner.name } : {}) });
  if (format === 'json') return { filename: reportFilename(report, 'json'), mime: 'application/json', content: `${JSON.stringify(report, null, 2)}\n` };
  return { filename: reportFilename(report, 'html'), mime: 'text/html; charset=utf-8', content: renderProgressHtml(report, lang) };
}
