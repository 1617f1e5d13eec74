// Always visible in the header; each option is written in its own language so anyone can find theirs.
import { useI18n } from '../i18n/context.js';
import { isLang, LANGS } from '../i18n/langState.js';

const NAMES = { en: 'English', 'zh-CN': '简体中文' } as const;

export function LangSwitch() {
  const { lang, choose, t } = useI18n();
  return (
    <label class="lang-switch">
      <span class="visually-hidden">{t('lang.label')}</span>
      <svg class="icon" viewBox="0 0 16 16" aria-hidden="true">
        <circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" stroke-width="1.3" />
        <path d="M1.8 8h12.4M8 1.8c2 2 2 10.4 0 12.4M8 1.8c-2 2-2 10.4 0 12.4" fill="none" stroke="currentColor" stroke-width="1.1" />
      </svg>
      <select
        data-testid="lang-switch"
        value={lang}
        onChange={(e) => {
          const v = e.currentTarget.value;
          if (isLang(v)) choose(v);
        }}
      >
        {LANGS.map((l) => (
          <option key={l} value={l} lang={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
