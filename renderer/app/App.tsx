// The application shell: language, connection banners, and the three places a learner can be:
// the first-run setup, the lab list, a lab. In a class, the instructor has a fourth, the class dashboard,
// and a learner sees the instructor's messages.
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { HalabApi, SystemStatus } from '../../common/contract.js';
import type { ConnectionStore } from '../api/connection.js';
import { ClassDashboard } from '../classroom/ClassDashboard.js';
import { MessageBanner } from '../classroom/ClassMessages.js';
import { LabLostNotice } from '../classroom/LabLostNotice.js';
import { useClassMessages, useSession } from '../classroom/session.js';
import { I18nProvider, useI18n } from '../i18n/context.js';
import { createLangState, type LangState } from '../i18n/langState.js';
import { LabView } from '../lab/LabView.js';
import { PackDevView } from '../packdev/PackDevView.js';
import { useStore } from '../util/useStore.js';
import { ConnectionBanner, DockerBanner } from './ConnectionBanner.js';
import { FirstRun } from './FirstRun.js';
import { Header } from './Header.js';
import { LabList } from './LabList.js';
import { useHashRoute, type Route } from './useHashRoute.js';

export interface AppProps {
  api: HalabApi;
  connection: ConnectionStore;
  langState?: LangState;
}

export function App(props: AppProps) {
  const langState = useMemo(() => props.langState ?? createLangState(), [props.langState]);
  return (
    <I18nProvider langState={langState}>
      <Shell api={props.api} connection={props.connection} langState={langState} />
    </I18nProvider>
  );
}

function Shell({ api, connection, langState }: { api: HalabApi; connection: ConnectionStore; langState: LangState }) {
  const { lang, t } = useI18n();
  const [route, go] = useHashRoute();
  const [status, setStatus] = useState<SystemStatus | null>(null);
  const [ready, setReady] = useState(false);
  const session = useSession(api);
  const conn = useStore(connection);
  const role = session?.role ?? 'owner';
  const [messages, addMessage] = useClassMessages(api, role !== 'owner', conn.session);
  // The dashboard is the instructor's only; until the session is known it is not shown to anyone.
  const view: Route['view'] | 'pending' = route.view !== 'class' ? route.view : session === null ? 'pending' : role === 'instructor' ? 'class' : 'labs';

  // The instructor starts on the dashboard; a place already in the address (a reload) is kept.
  const instructor = role === 'instructor';
  useEffect(() => {
    if (instructor && (window.location.hash === '' || window.location.hash === '#')) go({ view: 'class' });
    // Not on `go` (made anew on every render): only when the session becomes known.
  }, [instructor]);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('app.name');
  }, [lang, t]);

  const onStatus = useCallback(
    (s: SystemStatus) => {
      setStatus(s);
      langState.applySystemLang(s.defaultLang);
    },
    [langState],
  );
  const onReady = useCallback(() => {
    setReady(true);
  }, []);
  const home = useCallback(() => {
    go({ view: 'labs' });
  }, [go]);
  const toClass = useCallback(() => {
    go({ view: 'class' });
  }, [go]);

  return (
    <div class="app">
      <a class="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <Header api={api} inLab={ready && view === 'lab'} ready={ready} onHome={home} session={session} inClass={view === 'class'} onClass={toClass} messages={messages} />
      <ConnectionBanner connection={connection} />
      <DockerBanner api={api} />
      {role === 'learner' && <MessageBanner messages={messages} />}
      {role === 'learner' && <LabLostNotice api={api} />}
      <main id="main" class={`app-main ${ready && view === 'lab' ? 'app-main-lab' : ''} ${view === 'class' ? 'app-main-class' : ''}`}>
        {view === 'pending' && (
          <div class="loading-row lab-loading" aria-busy="true">
            <span class="spinner" aria-hidden="true" />
          </div>
        )}
        {/* The dashboard reads the class's records only: it needs neither Docker nor the lab image. */}
        {view === 'class' && session && <ClassDashboard api={api} connection={connection} session={session} messages={messages} onMessageSent={addMessage} />}
        {!ready && (view === 'labs' || view === 'lab') && <FirstRun api={api} onStatus={onStatus} onReady={onReady} />}
        {ready && view === 'labs' && (
          <LabList
            api={api}
            status={status}
            onOpen={(lab) => {
              go({ view: 'lab', lab });
            }}
          />
        )}
        {ready && view === 'lab' && route.view === 'lab' && <LabView key={route.lab} api={api} lab={route.lab} connection={connection} />}
        {/* A pack's preview needs neither Docker nor the image until its lab starts. */}
        {view === 'packdev' && <PackDevView api={api} connection={connection} />}
      </main>
    </div>
  );
}
