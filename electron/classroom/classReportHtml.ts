// The class report as one self-contained HTML page: a table per lab, learners down, steps across. Inline
// styles, no scripts, no remote content (its own CSP says so), and every value escaped: names come from a
// roster and titles from packs, and either may hold markup.
import type { Lang } from '../../common/contract.js';
import { escapeHtml } from '../reports/progressHtml.js';
import { gradeCell } from './classReport.js';
import type { ClassLab, ClassReport } from './types.js';

const LABELS = {
  en: {
    title: 'HA Lab class report',
    generated: 'Generated',
    learners: 'Learners',
    learner: 'Learner',
    earned: 'Earned',
    legend: 'E: earned; S: done with the solution; a number: checks run, not yet earned.',
    removed: 'removed',
    noLearners: 'No learners in this class.',
  },
  'zh-CN': {
    title: 'HA Lab 班级报告',
    generated: '生成时间',
    learners: '学员',
    learner: '学员',
    earned: '已完成',
    legend: 'E：已完成；S：用参考答案完成；数字：已检查次数，尚未完成。',
    removed: '已移出',
    noLearners: '这个班级还没有学员。',
  },
} satisfies Record<Lang, Record<string, string>>;

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:80rem;padding:0 1rem;color:#1b1f24}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}table{border-collapse:collapse}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #d0d7de}th{background:#f6f8fa}
td.c{text-align:center}.E{color:#1a7f37;font-weight:600}.S{color:#9a6700}.meta{color:#57606a}.steps{list-style:none;padding:0}`;

const date = (iso: string): string => escapeHtml(iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'));

export function renderClassReportHtml(report: ClassReport, labs: readonly ClassLab[], lang: Lang): string {
  const t = LABELS[lang];
  const sections = labs.map((lab) => {
    const heads = lab.steps.map((s, i) => `<th class="c" title="${escapeHtml(s.title[lang])}">${i + 1}</th>`).join('');
    const rows = report.learners.map((learner) => {
      const steps = learner.steps.filter((s) => s.lab === lab.id);
      const cells = steps
        .map((s) => {
          const cell = gradeCell(s);
          const when = s.earnedAt ?? s.solvedAt ?? s.lastCheckedAt;
          return `<td class="c ${typeof cell === 'string' ? cell : ''}"${when ? ` title="${date(when)}"` : ''}>${escapeHtml(String(cell))}</td>`;
        })
        .join('');
      const earned = steps.filter((s) => s.earnedAt).length;
      const removed = learner.revokedAt ? ` <span class="meta">(${escapeHtml(t.removed)})</span>` : '';
      return `<tr><td>${escapeHtml(learner.name)} <span class="meta">${escapeHtml(learner.id)}</span>${removed}</td>${cells}<td>${earned}/${lab.steps.length}</td></tr>`;
    });
    const steps = lab.steps.map((s, i) => `<li>${i + 1}. ${escapeHtml(s.title[lang])} <span class="meta">(${escapeHtml(s.id)})</span></li>`).join('');
    return `<h2>${escapeHtml(lab.title[lang])} <span class="meta">(${escapeHtml(lab.id)})</span></h2>
<table><thead><tr><th>${escapeHtml(t.learner)}</th>${heads}<th>${escapeHtml(t.earned)}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>
<ol class="meta steps">${steps}</ol>`;
  });
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(t.title)}: ${escapeHtml(report.class.name)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(t.title)}: ${escapeHtml(report.class.name)}</h1>
<p>${escapeHtml(t.generated)}: ${date(report.generatedAt)}<br>${escapeHtml(t.learners)}: ${report.learners.length}</p>
<p class="meta">${escapeHtml(t.legend)}</p>
${report.learners.length ? sections.join('\n') : `<p>${escapeHtml(t.noLearners)}</p>`}
</body>
</html>
`;
}
