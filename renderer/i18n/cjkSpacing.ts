// Chinese puts no space between characters, but pack texts are written wrapped: a YAML folded string joins
// its lines with a space, and Markdown turns a line break inside a paragraph into one. Both show as stray
// gaps in the middle of a Chinese sentence ("启动这对主备， 停掉"). These helpers remove only whitespace that
// sits between two CJK characters (ideographs or CJK punctuation); a space next to Latin text stays.

const CJK = '\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uff00-\\uffef';
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}])[ \\t]+(?=[${CJK}])`, 'g');
const ENDS_WITH_CJK = new RegExp(`[${CJK}]$`);
const STARTS_WITH_CJK = new RegExp(`^[${CJK}]`);

/** Plain text: "主备， 停掉" -> "主备，停掉". */
export function tidyCjkSpaces(text: string): string {
  return text.replace(SPACE_BETWEEN_CJK, '');
}

/** A line that continues the paragraph of the line before it, if that line can be continued at all. */
function continuesParagraph(previous: string, line: string): boolean {
  const prev = previous.trimEnd();
  const next = line.trimStart();
  if (!ENDS_WITH_CJK.test(prev) || !STARTS_WITH_CJK.test(next)) return false;
  // Headings, table rows and indented code keep their own lines (the caller never passes an indented one).
  return !/^\s{0,3}(#|\|)/.test(previous) && !/^( {4}|\t)/.test(previous);
}

/** One line of Markdown prose: the same, but inline code keeps every space. */
function tidyProseLine(line: string): string {
  return line
    .split(/(`[^`\n]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : tidyCjkSpaces(part)))
    .join('');
}

/** Markdown: joins wrapped lines of a Chinese paragraph without a space, leaves code alone. */
export function joinCjkLines(markdown: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const marker = /^\s{0,3}(```|~~~)/.exec(line)?.[1];
    if (fence || marker) {
      if (!fence) fence = marker;
      else if (marker === fence) fence = undefined;
      out.push(line);
      continue;
    }
    if (/^( {4}|\t)/.test(line)) {
      out.push(line);
      continue;
    }
    const last = out.length - 1;
    const tidy = tidyProseLine(line);
    if (last >= 0 && continuesParagraph(out[last] ?? '', tidy)) out[last] = `${(out[last] ?? '').trimEnd()}${tidy.trimStart()}`;
    else out.push(tidy);
  }
  return out.join('\n');
}
