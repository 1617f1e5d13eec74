// Places the validator's markers on the editor's lines. A marker without a line (0: the tool gave none,
// or the problem is in another file) goes on line 1; a line past the end (nginx's "unexpected end of
// file" names the line after the last) goes on the last line. Where the message quotes the offending
// word and that word is on the line, only the word is underlined.
import type { ConfigMarker } from '../../common/contract.js';

/** Monaco's MarkerSeverity values (kept here so this module needs no editor at all). */
export const SEVERITY = { error: 8, warning: 4 } as const;

export interface EditorMarker {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
  message: string;
  severity: number;
}

/** The text a message quotes: 'priorty' (keepalived) or "locaton" (nginx). */
export function quotedWord(message: string): string | undefined {
  return /'([^']+)'|"([^"]+)"/
    .exec(message)
    ?.slice(1)
    .find((w) => w !== undefined);
}

export function toEditorMarkers(markers: ConfigMarker[], lines: string[]): EditorMarker[] {
  const count = Math.max(1, lines.length);
  return markers.map((m) => {
    const line = Math.min(Math.max(1, m.line), count);
    const text = lines[line - 1] ?? '';
    let start = text.length - text.trimStart().length + 1;
    let end = text.trimEnd().length + 1;
    const word = m.line > 0 ? quotedWord(m.message) : undefined;
    const at = word ? text.indexOf(word) : -1;
    if (word && at >= 0) {
      start = at + 1;
      end = at + word.length + 1;
    }
    if (end <= start) {
      start = 1;
      end = Math.max(2, text.length + 1);
    }
    return { startLineNumber: line, startColumn: start, endLineNumber: line, endColumn: end, message: m.message, severity: SEVERITY[m.severity] };
  });
}
