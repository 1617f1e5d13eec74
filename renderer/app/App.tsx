// The application shell: language, connection banners, and the three places a learner can be:
// the first-run setup, the lab list, a lab.
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { HalabApi, SystemStatus } from '../../common/contract.js';
import type { ConnectionStore } from '../api/connection.js';
import { I18nProvider, useI18n } from '../i18n/context.js';
import { createLangState, type LangState } from '../i18n/langState.js';
import { LabView } from '../lab/LabView.js';
import { ConnectionBanner, DockerBanner } from './ConnectionBanner.js';
import { FirstRun } from './FirstRun.js';
import { Header } from './Header.js';
import { LabList } from './LabList.js';
import { useHashRoute } from './useHashRoute.js';

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

  return (
    <div class="app">
      <a class="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <Header api={api} inLab={ready && route.view === 'lab'} ready={ready} onHome={home} />
      <ConnectionBanner connection={connection} />
      <DockerBanner api={api} />
      <main id="main" class={`app-main ${ready && route.view === 'lab' ? 'app-main-lab' : ''}`}>
        {!ready && <FirstRun api={api} onStatus={onStatus} onReady={onReady} />}
        {ready && route.view === 'labs' && (
          <LabList
            api={api}
            status={status}
            onOpen={(lab) => {
              go({ view: 'lab', lab });
            }}
          />
        )}
        {ready && route.view === 'lab' && <LabView key={route.lab} api={api} lab={route.lab} connection={connection} />}
      </main>
    </div>
  );
}
