// The progress report as one self-contained HTML page: inline styles, no scripts, no remote content (its
// own CSP says so), and every text escaped, since titles come from packs anyone can write.
import type { Lang, ProgressReport } from '../../common/contract.js';
import { say, type MessageKey } from '../messages/catalogue.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1b1f24}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #d0d7de}th{background:#f6f8fa}
.ok{color:#1a7f37;font-weight:600}.no{color:#6e7781}.solved{color:#9a6700}.meta{color:#57606a}`;

export function renderProgressHtml(report: ProgressReport, lang: Lang): string {
  const e = (key: Extract<MessageKey, `report.${string}`>): string => escapeHtml(say(lang, key));
  const date = (iso: string | undefined): string => (iso ? escapeHtml(iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')) : '-');
  const total = report.labs.reduce((n, l) => n + l.steps.length, 0);
  const earned = report.labs.reduce((n, l) => n + l.steps.filter((s) => s.earnedAt).length, 0);
  const labs = report.labs.map((lab) => {
    const done = lab.steps.filter((s) => s.earnedAt).length;
    const rows = lab.steps
      .map(
        (s, i) =>
          `<tr><td>${i + 1}. ${escapeHtml(s.title[lang])}</td><td class="${s.earnedAt ? 'ok' : s.solvedAt ? 'solved' : 'no'}">${s.earnedAt ? `${e('report.earned')} ${date(s.earnedAt)}` : s.solvedAt ? `${e('report.solved')} ${date(s.solvedAt)}` : e('report.notEarned')}</td><td>${s.attempts}</td><td>${date(s.lastCheckedAt)}</td></tr>`,
      )
      .join('\n');
    return `<h2>${escapeHtml(lab.title[lang])} <span class="meta">(${escapeHtml(lab.id)}: ${done}/${lab.steps.length} ${e('report.steps')})</span></h2>
<table><thead><tr><th>${e('report.step')}</th><th>${e('report.status')}</th><th>${e('report.attempts')}</th><th>${e('report.lastChecked')}</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
  });
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<title>${e('report.title')}: ${escapeHtml(report.learner)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${e('report.title')}</h1>
<p>${e('report.learner')}: <strong>${escapeHtml(report.learner)}</strong><br>${e('report.generated')}: ${date(report.generatedAt)}<br>${e('report.overall')}: ${earned}/${total} ${e('report.steps')}</p>
${labs.length ? labs.join('\n') : `<p>${e('report.noLabs')}</p>`}
</body>
</html>
`;
}
