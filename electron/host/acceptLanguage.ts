// The language of a page the host writes itself (no app script runs there): the browser's Accept-Language,
// read as the app reads navigator.languages (renderer/i18n/defaultLang.ts): the most preferred tag the
// app has wins, every Chinese tag gives zh-CN, and English is the fallback.
import type { Lang } from '../../common/contract.js';

/** Tags in the order of their q-values (ties keep the header's order); q=0 means "not this one". */
function preferredTags(header: string): string[] {
  return header
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.split(';').map((p) => p.trim());
      const q = params.map((p) => /^q=([0-9.]+)$/i.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag, q: q === undefined ? 1 : Number(q), order };
    })
    .filter((t) => t.tag !== '' && t.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order)
    .map((t) => t.tag);
}

export function langOfAcceptLanguage(header: string | undefined): Lang {
  for (const tag of preferredTags(header ?? '')) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (primary === 'zh') return 'zh-CN';
    if (primary === 'en') return 'en';
  }
  return 'en';
}
