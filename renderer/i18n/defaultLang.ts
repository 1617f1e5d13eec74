// Which language the UI opens in. Pure: the caller reads the browser, the storage and the host.
// The learner's own choice always wins. Without one, the desktop app follows the system locale (the
// engine reads it: system.status' defaultLang), while the browser host follows the browser's preferred
// languages: the host process may run on a classroom server whose locale says nothing about the learner.
import type { Lang } from '../../common/contract.js';
import type { UiHost } from '../api/uiHost.js';

/**
 * The first of the browser's preferred languages (navigator.languages, most preferred first) that the UI
 * has: every Chinese tag (zh, zh-CN, zh-TW, zh-HK, zh-Hans, zh-Hant-TW…) gives zh-CN, the only written
 * Chinese offered; English tags give en; others are skipped. None of them: en.
 */
export function langFromBrowser(languages: readonly string[]): Lang {
  for (const tag of languages) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (primary === 'zh') return 'zh-CN';
    if (primary === 'en') return 'en';
  }
  return 'en';
}

export interface LangInputs {
  /** What the learner picked in the UI, if ever. */
  chosen: Lang | undefined;
  host: UiHost;
  /** navigator.languages (or [navigator.language]). */
  browserLanguages: readonly string[];
  /** The system locale's language from system.status, once it has answered. */
  systemLang?: Lang | undefined;
}

export function chooseLang({ chosen, host, browserLanguages, systemLang }: LangInputs): Lang {
  if (chosen) return chosen;
  // Until system.status answers, Electron's navigator.languages (taken from the OS) is the best guess.
  if (host === 'desktop' && systemLang) return systemLang;
  return langFromBrowser(browserLanguages);
}
