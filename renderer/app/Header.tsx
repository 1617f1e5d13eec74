// The top bar: product name, the way back to the lab list, the report export and the language switch.
import type { HalabApi } from '../../common/contract.js';
import { useI18n } from '../i18n/context.js';
import { LogoMark } from '../ui/Icons.js';
import { LangSwitch } from './LangSwitch.js';
import { ReportButton } from './ReportButton.js';

export function Header(props: { api: HalabApi; inLab: boolean; ready: boolean; onHome: () => void }) {
  const { t } = useI18n();
  return (
    <header class="app-header">
      <div class="brand">
        <LogoMark />
        <span class="brand-name">{t('app.name')}</span>
        <span class="brand-tag">{t('app.tagline')}</span>
      </div>
      <nav class="header-nav" aria-label={t('nav.label')}>
        {props.inLab && (
          <button type="button" class="btn btn-ghost" onClick={props.onHome} data-testid="nav-labs">
            ← {t('nav.allLabs')}
          </button>
        )}
      </nav>
      <div class="header-tools">
        {props.ready && <ReportButton api={props.api} />}
        <LangSwitch />
      </div>
    </header>
  );
}
