// @vitest-environment happy-dom
// The language the UI opens in: the learner's choice, else the browser's preferred
// languages in the browser host, else the system locale in the desktop app; and the store that keeps it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chooseLang, langFromBrowser } from '../../../renderer/i18n/defaultLang.js';
import { createLangState } from '../../../renderer/i18n/langState.js';

beforeEach(() => {
  localStorage.clear();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('langFromBrowser', () => {
  it('gives zh-CN for every Chinese tag, whatever the region or script', () => {
    for (const tag of ['zh', 'zh-CN', 'zh-TW', 'zh-HK', 'zh-SG', 'zh-Hans', 'zh-Hant', 'zh-Hans-CN', 'zh-Hant-TW', 'ZH-cn', 'zh_CN']) {
      expect(langFromBrowser([tag]), tag).toBe('zh-CN');
    }
  });

  it('follows the order of preference: the first language the UI has wins', () => {
    expect(langFromBrowser(['zh-CN', 'en-US', 'en'])).toBe('zh-CN');
    expect(langFromBrowser(['en-US', 'zh-CN'])).toBe('en');
    expect(langFromBrowser(['de-DE', 'fr', 'zh-TW', 'en'])).toBe('zh-CN');
    expect(langFromBrowser(['ja-JP', 'en-GB', 'zh'])).toBe('en');
  });

  it('falls back to English for languages the UI does not have, and for none at all', () => {
    expect(langFromBrowser(['de-DE', 'fr-FR'])).toBe('en');
    expect(langFromBrowser([])).toBe('en');
    expect(langFromBrowser([''])).toBe('en');
    // "zhx" (a language family code) is not Chinese-the-language; only the subtag "zh" counts.
    expect(langFromBrowser(['zhx', 'en'])).toBe('en');
  });
});

describe('chooseLang', () => {
  it('in the browser host: the browser’s languages, never the host process’s locale', () => {
    expect(chooseLang({ chosen: undefined, host: 'browser', browserLanguages: ['zh-CN', 'zh'], systemLang: 'en' })).toBe('zh-CN');
    expect(chooseLang({ chosen: undefined, host: 'browser', browserLanguages: ['en-US'], systemLang: 'zh-CN' })).toBe('en');
    expect(chooseLang({ chosen: undefined, host: 'browser', browserLanguages: ['zh-HK'] })).toBe('zh-CN');
  });

  it('in the desktop app: the system locale once known, the browser’s guess before', () => {
    expect(chooseLang({ chosen: undefined, host: 'desktop', browserLanguages: ['en-US'], systemLang: 'zh-CN' })).toBe('zh-CN');
    expect(chooseLang({ chosen: undefined, host: 'desktop', browserLanguages: ['zh-CN'], systemLang: 'en' })).toBe('en');
    expect(chooseLang({ chosen: undefined, host: 'desktop', browserLanguages: ['zh-TW'] })).toBe('zh-CN');
  });

  it('the learner’s choice wins everywhere', () => {
    for (const host of ['browser', 'desktop'] as const) {
      expect(chooseLang({ chosen: 'en', host, browserLanguages: ['zh-CN'], systemLang: 'zh-CN' })).toBe('en');
      expect(chooseLang({ chosen: 'zh-CN', host, browserLanguages: ['en-US'], systemLang: 'en' })).toBe('zh-CN');
    }
  });
});

describe('createLangState', () => {
  it('starts in the browser’s language in the browser host and ignores the system language', () => {
    const state = createLangState({ host: 'browser', languages: ['zh-TW', 'en'] });
    expect(state.store.get()).toBe('zh-CN');
    state.applySystemLang('en');
    expect(state.store.get()).toBe('zh-CN');
  });

  it('takes the system language in the desktop app', () => {
    const state = createLangState({ host: 'desktop', languages: ['en-US'] });
    expect(state.store.get()).toBe('en');
    state.applySystemLang('zh-CN');
    expect(state.store.get()).toBe('zh-CN');
  });

  it('remembers a choice, which then wins over every default, in this page and the next', () => {
    const state = createLangState({ host: 'desktop', languages: ['zh-CN'] });
    state.choose('en');
    expect(localStorage.getItem('halab.lang')).toBe('en');
    state.applySystemLang('zh-CN');
    expect(state.store.get()).toBe('en');
    expect(createLangState({ host: 'browser', languages: ['zh-CN'] }).store.get()).toBe('en');
  });

  it('keeps a choice for the page when storage is refused', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    const state = createLangState({ host: 'desktop', languages: ['en-US'] });
    state.choose('en');
    state.applySystemLang('zh-CN');
    expect(state.store.get()).toBe('en');
  });

  it('reads the host and the languages from the page by default (no preload: the browser host)', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['zh-HK', 'en']);
    const state = createLangState();
    expect(state.store.get()).toBe('zh-CN');
    state.applySystemLang('en');
    expect(state.store.get()).toBe('zh-CN');
  });

  it('knows the desktop app by its preload (window.halab) and follows the system language there', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en-US']);
    window.halab = {} as NonNullable<Window['halab']>;
    try {
      const state = createLangState();
      state.applySystemLang('zh-CN');
      expect(state.store.get()).toBe('zh-CN');
    } finally {
      delete window.halab;
    }
  });
});
