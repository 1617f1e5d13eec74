// Every string the UI shows exists in both languages, placeholders included.
import { describe, expect, it } from 'vitest';
import { editorStrings } from '../../../renderer/i18n/editorStrings.js';
import { tables } from '../../../renderer/i18n/tables.js';
import { terminalStrings } from '../../../renderer/terminal/strings.js';
import { fill, pick, translate } from '../../../renderer/i18n/translate.js';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('i18n tables', () => {
  it('have the same keys and placeholders in en and zh-CN (app, terminal and editor strings merged)', () => {
    expect(Object.keys(tables['zh-CN']).sort()).toEqual(Object.keys(tables.en).sort());
    for (const [key, en] of Object.entries(tables.en)) {
      const zh = tables['zh-CN'][key] ?? '';
      expect(zh, key).not.toBe('');
      expect(placeholders(zh), key).toEqual(placeholders(en));
    }
    // The terminal's and the editor's own strings reach the merged tables unchanged.
    for (const lang of ['en', 'zh-CN'] as const) {
      for (const [key, text] of Object.entries({ ...terminalStrings[lang], ...editorStrings[lang] })) expect(tables[lang][key], `${lang} ${key}`).toBe(text);
    }
  });

  it('fills placeholders and falls back to English, then to the key', () => {
    expect(fill('{a} of {b}', { a: 1, b: 2 })).toBe('1 of 2');
    expect(translate({ en: { k: 'hello {n}' }, 'zh-CN': {} }, 'zh-CN', 'k', { n: 3 })).toBe('hello 3');
    expect(translate({ en: {}, 'zh-CN': {} }, 'en', 'missing.key')).toBe('missing.key');
    expect(pick('zh-CN', { en: 'A', 'zh-CN': '' })).toBe('A');
  });
});
