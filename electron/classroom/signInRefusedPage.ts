// The page a browser gets (with its 401) when the link or cookie it came with no longer signs in to the
// class: it says why that happens and what each person does next, in the browser's language. It names
// neither the token nor the learner, and runs no script (the host's CSP applies to it as to every page).
import type { Lang } from '../../common/contract.js';

interface PageText {
  title: string;
  heading: string;
  why: string;
  learnerHeading: string;
  learner: string;
  instructorHeading: string;
  instructor: string;
  instructorAfter: string;
}

const TEXT: Record<Lang, PageText> = {
  en: {
    title: 'This link no longer works · HA Lab',
    heading: 'This link is no longer valid',
    why: 'The instructor revoked it or gave you a new one, or it is a link from an earlier class.',
    learnerHeading: 'Learners',
    learner: 'Ask your instructor for your new personal link and open it in this browser. Your work and progress are kept.',
    instructorHeading: 'Instructor',
    instructor: 'Print a fresh instructor link on the class server:',
    instructorAfter: 'It replaces your previous instructor link. Every start of the class server prints a fresh one too.',
  },
  'zh-CN': {
    title: '链接已失效 · HA Lab',
    heading: '这个链接已经失效',
    why: '可能是讲师撤销了这个链接或给你换了新链接，也可能这是以前某个班级的链接。',
    learnerHeading: '学员',
    learner: '请向讲师要新的个人链接，在这个浏览器里打开即可。你的实验和进度都还在。',
    instructorHeading: '讲师',
    instructor: '在班级服务器上执行下面的命令，获取新的讲师链接：',
    instructorAfter: '执行后，原来的讲师链接随即作废。每次启动班级服务器时也会打印一个新的讲师链接。',
  },
};

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `
body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;background:#f4f6f8;color:#1d2733}
main{max-width:40rem;margin:12vh auto 2rem;padding:2rem 2.25rem;background:#fff;border:1px solid #dde3ea;border-radius:10px;border-top:5px solid #c0392b}
h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.05rem;margin:1.5rem 0 .25rem}p{margin:.25rem 0}
pre{background:#1d2733;color:#f4f6f8;padding:.75rem 1rem;border-radius:6px;overflow-x:auto;font:14px/1.5 ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace}
.brand{color:#5b6b7b;font-size:.9rem;margin-bottom:1rem}`;

/** The whole page; `command` is the one that prints a fresh instructor link for this class. */
export function signInRefusedPage(lang: Lang, command: string): string {
  const t = TEXT[lang];
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(t.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main data-testid="sign-in-refused">
<div class="brand">HA Lab</div>
<h1>${escapeHtml(t.heading)}</h1>
<p>${escapeHtml(t.why)}</p>
<h2>${escapeHtml(t.learnerHeading)}</h2>
<p>${escapeHtml(t.learner)}</p>
<h2>${escapeHtml(t.instructorHeading)}</h2>
<p>${escapeHtml(t.instructor)}</p>
<pre data-testid="instructor-command">${escapeHtml(command)}</pre>
<p>${escapeHtml(t.instructorAfter)}</p>
</main>
</body>
</html>
`;
}
