// The UI language: the learner's own choice (kept in localStorage) wins over the system's default,
// which arrives later with system.status().
import type { Lang } from '../../common/contract.js';
import { createStore, type Store } from '../util/store.js';

export const LANGS: readonly Lang[] = ['en', 'zh-CN'];
const KEY = 'halab.lang';

export function isLang(v: unknown): v is Lang {
  return v === 'en' || v === 'zh-CN';
}

function readOverride(): Lang | undefined {
  try {
    const v = globalThis.localStorage?.getItem(KEY);
    return isLang(v) ? v : undefined;
  } catch {
    return undefined; // storage can be disabled; the choice then lasts for this page only
  }
}

export interface LangState {
  store: Store<Lang>;
  /** The learner picked a language: remember it. */
  choose: (lang: Lang) => void;
  /** The system's language, used only when the learner has not chosen. */
  applyDefault: (lang: Lang) => void;
}

function guessFromNavigator(): Lang {
  const nav = globalThis.navigator?.language ?? 'en';
  return nav.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function createLangState(): LangState {
  const store = createStore<Lang>(readOverride() ?? guessFromNavigator());
  return {
    store,
    choose(lang) {
      try {
        globalThis.localStorage?.setItem(KEY, lang);
      } catch {
        // see readOverride
      }
      store.set(lang);
    },
    applyDefault(lang) {
      if (!readOverride()) store.set(lang);
    },
  };
}
