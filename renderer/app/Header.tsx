// The top bar: product name, the way back to the lab list, the report export and the language switch. In a
// class it also says who is at the page and in which class, gives the instructor the way back to the
// dashboard and a learner the instructor's messages.
import type { ClassMessageView, HalabApi, SessionInfo } from '../../common/contract.js';
import { MessagesMenu } from '../classroom/ClassMessages.js';
import { SessionBadge } from '../classroom/SessionBadge.js';
import { useI18n } from '../i18n/context.js';
import { LogoMark } from '../ui/Icons.js';
import { LangSwitch } from './LangSwitch.js';
import { ReportButton } from './ReportButton.js';

export interface HeaderProps {
  api: HalabApi;
  inLab: boolean;
  ready: boolean;
  onHome: () => void;
  session?: SessionInfo | null;
  /** The instructor's dashboard is shown. */
  inClass?: boolean;
  onClass?: () => void;
  messages?: readonly ClassMessageView[];
}

export function Header(props: HeaderProps) {
  const { t } = useI18n();
  const role = props.session?.role ?? 'owner';
  return (
    <header class="app-header">
      <div class="brand">
        <LogoMark />
        <span class="brand-name">{t('app.name')}</span>
        <span class="brand-tag">{t('app.tagline')}</span>
      </div>
      <nav class="header-nav" aria-label={t('nav.label')}>
        {role === 'instructor' && !props.inClass && (
          <button type="button" class="btn btn-ghost" onClick={props.onClass} data-testid="nav-class">
            ← {t('nav.dashboard')}
          </button>
        )}
        {props.inLab && (
          <button type="button" class="btn btn-ghost" onClick={props.onHome} data-testid="nav-labs">
            ← {t('nav.allLabs')}
          </button>
        )}
      </nav>
      <div class="header-tools">
        {props.session && <SessionBadge session={props.session} />}
        {role === 'learner' && <MessagesMenu messages={props.messages ?? []} />}
        {/* The instructor's results are the class's: the dashboard exports them. */}
        {props.ready && role !== 'instructor' && <ReportButton api={props.api} />}
        <LangSwitch />
      </div>
    </header>
  );
}
