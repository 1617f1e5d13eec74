// A lint rule: learner-facing text must not point at documents the learner does not have (the tutorials
// a lab was written from, their section numbers) or at labs by a position no card shows.
// `sources` in lab.yaml is where those documents are named, for instructors.

export interface ReferenceFinding {
  /** 1-based, in the text given. */
  line: number;
  message: string;
}

interface Rule {
  pattern: RegExp;
  /** Searched in code too: the token can only mean the documents. */
  inCode?: boolean;
  /** Allowed when the same sentence quotes the line it talks about (`X`, "X", “X”, 「X」). */
  unlessQuoted?: boolean;
  message: (hit: string) => string;
}

const missingDoc = (hit: string): string => `"${hit}" refers to a document the learner does not have: say what it says in the text itself`;
const unquotedTutorial = (hit: string): string =>
  `"${hit}" points at a document the learner does not have: quote the line you mean ("a widely copied tutorial writes \`X\`; in fact ...")`;
const position = (hit: string): string => `"${hit}" matches no card in the lab list: name the lab by its title, e.g. [The first VRRP pair](lab:vrrp-pair)`;

const RULES: Rule[] = [
  { pattern: /\bseeds?\s*\d{1,3}\b/gi, inCode: true, message: missingDoc },
  { pattern: /\bseed\s+(?:documents?|tutorials?|texts?)\b/gi, inCode: true, message: missingDoc },
  { pattern: /§\s*\d+/g, inCode: true, message: missingDoc },
  { pattern: /种子\s*\d+|种子(?:文档|教程|资料|文件)/g, inCode: true, message: missingDoc },
  // "the tutorial", "both tutorials", "the document's": a definite document; "a widely copied tutorial" is not.
  { pattern: /\b(?:the|both|these|those)\s+(?:two\s+|original\s+|source\s+)?(?:tutorials?|documents?)(?!\s+root)(?:'s?)?\b/gi, unlessQuoted: true, message: unquotedTutorial },
  // 教程 alone reads as "the tutorial"; 很多教程 / 一份教程 do not point at one.
  { pattern: /(?<!(?:一份|一篇|一些|很多|不少|许多|有些|有的|各种|多数|别的|其他|其它|网上|网上的|部分)\s*)教程/g, unlessQuoted: true, message: unquotedTutorial },
  { pattern: /(?:^|(?<=[，。；：（、\s]|所以|该|原|上述|按|照|与|两篇|两份|这份|那份|这篇|那篇))文档(?!站)/gm, unlessQuoted: true, message: unquotedTutorial },
  { pattern: /\blabs?\s+\d+(?![\d.])/gi, message: position },
  { pattern: /\bthe\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|previous|next|last)\s+lab\b/gi, message: position },
  { pattern: /实验\s*\d+(?![\d.])/g, message: position },
  { pattern: /第\s*[一二三四五六七八九十\d]+\s*个?实验|[上下前]一个实验/g, message: position },
];

const QUOTE = /`[^`\n]+`|"[^"\n]+"|“[^”\n]+”|「[^」\n]+」/;
/** Ends of sentences: punctuation before a space, a blank line, or the start of a list item. */
const SENTENCE_END = /[.!?](?=\s)|[。！？]|\n[ \t]*\n|\n(?=[ \t]*(?:[-*+]|\d+\.)\s)/g;

const blank = (s: string): string => s.replace(/[^\n]/g, ' ');

/** The text with fenced code blocks and inline code replaced by spaces (same length, same lines). */
export function proseOf(text: string, markdown: boolean): string {
  if (!markdown) return text.replace(/`[^`\n]*`/g, blank);
  return text.replace(/^([ \t]*)(```|~~~)[^\n]*\n[\s\S]*?^[ \t]*\2[^\n]*$/gm, blank).replace(/`[^`\n]*`/g, blank);
}

function sentenceAround(text: string, prose: string, at: number): string {
  let start = 0;
  let end = text.length;
  for (const m of prose.matchAll(SENTENCE_END)) {
    if (m.index < at) start = m.index + m[0].length;
    else {
      end = m.index;
      break;
    }
  }
  return text.slice(start, end);
}

const lineAt = (text: string, at: number): number => text.slice(0, at).split('\n').length;

/** Every reference to a missing document or a lab's position in `text` (Markdown, or a lab.yaml string as written). */
export function findReferences(text: string, markdown = true): ReferenceFinding[] {
  const prose = proseOf(text, markdown);
  const out: { at: number; message: string }[] = [];
  for (const rule of RULES) {
    for (const m of (rule.inCode ? text : prose).matchAll(rule.pattern)) {
      if (rule.unlessQuoted && QUOTE.test(sentenceAround(text, prose, m.index))) continue;
      out.push({ at: m.index, message: rule.message(m[0].replace(/\s+/g, ' ')) });
    }
  }
  return out.sort((a, b) => a.at - b.at).map((f) => ({ line: lineAt(text, f.at), message: f.message }));
}
