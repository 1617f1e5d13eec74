// @vitest-environment happy-dom
// The editor's pure parts: markers placed on the right lines and words, the grammar chosen by path,
// and the bilingual strings (every key in both languages).
import { describe, expect, it } from 'vitest';
import { quotedWord, SEVERITY, toEditorMarkers } from '../../../renderer/editor/markers.js';
import { languageForPath } from '../../../renderer/editor/languageForPath.js';
import { editorStrings } from '../../../renderer/i18n/editorStrings.js';

const conf = ['vrrp_instance VI_1 {', '    state BACKUP', '    priorty 100', '}', ''];

describe('editor markers', () => {
  it("underlines the quoted word on the marker's line", () => {
    expect(toEditorMarkers([{ line: 3, message: "Unknown keyword 'priorty'", severity: 'error' }], conf)).toEqual([
      { startLineNumber: 3, startColumn: 5, endLineNumber: 3, endColumn: 12, message: "Unknown keyword 'priorty'", severity: SEVERITY.error },
    ]);
  });

  it('underlines the whole line when the word is not on it, and clamps line 0 and lines past the end', () => {
    const [plain, whole, past] = toEditorMarkers(
      [
        { line: 2, message: 'WARNING - something', severity: 'warning' },
        { line: 0, message: '/etc/nginx/conf.d/x.conf:3: unknown directive "state"', severity: 'error' },
        { line: 9, message: 'unexpected end of file, expecting "}"', severity: 'error' },
      ],
      conf,
    );
    expect(plain).toMatchObject({ startLineNumber: 2, startColumn: 5, endColumn: 17, severity: SEVERITY.warning });
    // Line 0 marks the file as a whole: line 1, not the quoted word found elsewhere.
    expect(whole).toMatchObject({ startLineNumber: 1, startColumn: 1, endColumn: 21 });
    // The last line is empty: the marker still gets a visible width.
    expect(past).toMatchObject({ startLineNumber: 5, startColumn: 1, endColumn: 2 });
  });

  it('reads quoted words from keepalived and nginx messages', () => {
    expect(quotedWord("Unknown keyword 'priorty'")).toBe('priorty');
    expect(quotedWord('unknown directive "locaton"')).toBe('locaton');
    expect(quotedWord('bind() to 10.0.0.3:80 failed')).toBeUndefined();
  });

  it("uses Monaco's severity values", async () => {
    const { MarkerSeverity } = await import('monaco-editor/editor/editor.api');
    expect(SEVERITY).toEqual({ error: MarkerSeverity.Error, warning: MarkerSeverity.Warning });
  }, 60_000);
});

describe('language by path', () => {
  it('picks keepalived, nginx, shell or plain text', () => {
    expect(languageForPath('/etc/keepalived/keepalived.conf')).toBe('keepalived');
    expect(languageForPath('/etc/keepalived/vrrp.conf')).toBe('keepalived');
    expect(languageForPath('/etc/keepalived/check_nginx.sh')).toBe('shell');
    expect(languageForPath('/etc/keepalived/notify', '#!/bin/bash\necho $1\n')).toBe('shell');
    expect(languageForPath('/etc/nginx/nginx.conf')).toBe('nginx');
    expect(languageForPath('/etc/nginx/conf.d/lb.conf')).toBe('nginx');
    expect(languageForPath('/etc/nginx/sites-available/default')).toBe('nginx');
    expect(languageForPath('/etc/cron.d/check')).toBe('shell');
    expect(languageForPath('/var/www/html/index.html')).toBe('plaintext');
    expect(languageForPath('/root/notes.txt')).toBe('plaintext');
  });
});

describe('editor strings', () => {
  it('has every key in English and Chinese, with the same placeholders', () => {
    const en = editorStrings.en;
    const zh = editorStrings['zh-CN'];
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    const holes = (s: string): string[] => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en)) {
      expect(key.startsWith('editor.')).toBe(true);
      expect(holes(zh[key] ?? ''), key).toEqual(holes(en[key] ?? ''));
    }
  });
});
