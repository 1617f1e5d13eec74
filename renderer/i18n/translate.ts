// Looks a key up in the chosen language, falls back to English, and fills `{name}` placeholders.
import type { Lang, Localized } from '../../common/contract.js';

export type Vars = Record<string, string | number>;
export type Tables = Record<Lang, Record<string, string>>;

export function fill(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function translate(tables: Tables, lang: Lang, key: string, vars?: Vars): string {
  return fill(tables[lang][key] ?? tables.en[key] ?? key, vars);
}

/** Picks the text of a lab's own bilingual field. */
export function pick(lang: Lang, text: Localized | undefined): string {
  if (!text) return '';
  return text[lang] || text.en || text['zh-CN'];
}
