// The UI language as a store: the learner's own choice (kept in localStorage) wins; otherwise the default of
// the host the UI runs in (defaultLang.ts), which in the desktop app arrives later with system.status().
import type { Lang } from '../../common/contract.js';
import { uiHost, type UiHost } from '../api/uiHost.js';
import { createStore, type Store } from '../util/store.js';
import { chooseLang } from './defaultLang.js';

export const LANGS: readonly Lang[] = ['en', 'zh-CN'];
const KEY = 'halab.lang';

export function isLang(v: unknown): v is Lang {
  return v === 'en' || v === 'zh-CN';
}

function readChoice(): Lang | undefined {
  try {
    const v = globalThis.localStorage?.getItem(KEY);
    return isLang(v) ? v : undefined;
  } catch {
    return undefined; // storage can be disabled; the choice then lasts for this page only
  }
}

function browserLanguages(): readonly string[] {
  const nav = globalThis.navigator as Navigator | undefined;
  if (!nav) return [];
  return nav.languages.length > 0 ? nav.languages : [nav.language];
}

export interface LangState {
  store: Store<Lang>;
  /** The learner picked a language: remember it. */
  choose: (lang: Lang) => void;
  /** The system locale's language from system.status: the default in the desktop app only, never over a choice. */
  applySystemLang: (lang: Lang) => void;
}

export interface LangStateOptions {
  /** Default: where this page runs (uiHost()). */
  host?: UiHost;
  /** Default: the browser's preferred languages. */
  languages?: readonly string[];
}

export function createLangState(options: LangStateOptions = {}): LangState {
  const host = options.host ?? uiHost();
  const languages = options.languages ?? browserLanguages();
  // Kept here as well, for when storage is disabled and the choice lives only as long as the page.
  let chosenHere: Lang | undefined;
  const store = createStore<Lang>(chooseLang({ chosen: readChoice(), host, browserLanguages: languages }));
  return {
    store,
    choose(lang) {
      chosenHere = lang;
      try {
        globalThis.localStorage?.setItem(KEY, lang);
      } catch {
        // see readChoice
      }
      store.set(lang);
    },
    applySystemLang(systemLang) {
      store.set(chooseLang({ chosen: readChoice() ?? chosenHere, host, browserLanguages: languages, systemLang }));
    },
  };
}
