// CSV both ways, for spreadsheets: reports written as RFC 4180 (quotes doubled, CRLF, a BOM so that Excel
// reads UTF-8 names), and roster lines read one at a time.

// A cell starting with one of these is read as a formula by Excel, LibreOffice and Google Sheets: a name such
// as "=HYPERLINK(...)" must reach the grade book as text. A leading apostrophe makes it text in all three.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: numbers as they are, text neutralised against formulas and quoted where needed. */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as a CSV file: UTF-8 with a byte order mark, CRLF line ends. */
export function csvDocument(rows: readonly (readonly (string | number)[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export type CsvLine = { fields: string[] } | { problem: string };

/**
 * The fields of one line. A quoted field may hold commas and doubled quotes but not a line break: a quote
 * still open at the end of the line is a problem of that line, rather than a silent merge with the next.
 */
export function parseCsvLine(line: string): CsvLine {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const quote = line.indexOf('"', i);
        if (quote < 0) return { problem: 'a quoted field is not closed: add the closing " on the same line' };
        value += line.slice(i, quote);
        if (line[quote + 1] === '"') {
          value += '"';
          i = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      while (line[i] === ' ' || line[i] === '\t') i++;
      if (i < line.length && line[i] !== ',') return { problem: 'text after a closing quote: put the whole field in quotes' };
      fields.push(value);
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      fields.push(line.slice(i, end).trim());
      i = end;
    }
    if (i >= line.length) return { fields };
    i++; // the comma
  }
}
