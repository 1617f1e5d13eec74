// `halab pack dev`'s page: the open pack as a learner meets it, in English, Chinese or both side by side,
// its lint findings at file and line, and the lab's Start, a step's checks and the both-ways self-test.
// Side by side is the default: an author writes both languages, and a paragraph, a step or a hint missing
// from one of them shows at a glance; one language shows the page exactly as that learner sees it.
import { useEffect, useState } from 'preact/hooks';
import type { HalabApi, Lang, StepResultView } from '../../common/contract.js';
import type { PackDevState } from '../../common/packDev.js';
import type { ConnectionStore } from '../api/connection.js';
import { useI18n } from '../i18n/context.js';
import { ErrorNote } from '../ui/ErrorNote.js';
import { formatClock } from '../util/format.js';
import { useStore } from '../util/useStore.js';
import { FindingsList } from './FindingsList.js';
import { PackDevToolbar, type Mode } from './PackDevToolbar.js';
import { StepColumn, textIn } from './StepColumn.js';
import { packDevText } from './strings.js';
import { usePackDev, useSelfTest } from './usePackDev.js';
import './packdev.css';

const INTRO = -1;

export function PackDevView({ api, connection }: { api: HalabApi; connection: ConnectionStore }) {
  const { lang: uiLang, choose } = useI18n();
  const conn = useStore(connection);
  const { state, error } = usePackDev(api, conn.session);
  const [selfTest, runSelfTest] = useSelfTest(api);
  const [mode, setMode] = useState<Mode | null>(null);
  const [selected, setSelected] = useState(0);
  const [results, setResults] = useState<ReadonlyMap<string, StepResultView>>(new Map());
  const [checking, setChecking] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const t = packDevText.bind(null, uiLang);

  // The command line's --lang, once the first state says it.
  const initialLang = state?.lang;
  const known = state !== null;
  useEffect(() => {
    if (!known || mode !== null) return;
    setMode(initialLang ?? 'both');
    if (initialLang) choose(initialLang);
  }, [known, initialLang]);

  if (error)
    return (
      <div class="packdev packdev-empty" data-testid="packdev">
        {<ErrorNote error={error} />}
      </div>
    );
  if (!state) return <div class="packdev packdev-empty loading-row" aria-busy="true" data-testid="packdev" />;

  const preview = state.preview;
  const steps = preview?.steps ?? [];
  const index = selected === INTRO && !preview?.intro ? 0 : Math.min(selected, steps.length - 1);
  const step = index >= 0 ? steps[index] : undefined;
  const langs: Lang[] = (mode ?? 'both') === 'both' ? ['en', 'zh-CN'] : [mode as Lang];

  const onMode = (m: Mode): void => {
    setMode(m);
    if (m !== 'both') choose(m);
  };
  const act = (work: () => Promise<unknown>): void => {
    setActionError(null);
    work().catch((err: unknown) => {
      setActionError(err);
    });
  };
  const runChecks = (): void => {
    if (!preview || !step) return;
    setChecking(true);
    act(async () => {
      try {
        const r = await api.call('checks.run', { lab: preview.id, step: index });
        setResults((prev) => new Map(prev).set(step.id, r));
      } finally {
        setChecking(false);
      }
    });
  };

  return (
    <div class="packdev" data-testid="packdev" data-revision={state.revision}>
      <PackDevToolbar
        state={state}
        mode={mode ?? 'both'}
        onMode={onMode}
        selfTestRunning={selfTest.running}
        onStart={() => {
          if (preview) act(() => api.call('lab.up', { lab: preview.id }));
        }}
        onStop={() => {
          if (preview) act(() => api.call('lab.down', { lab: preview.id }));
        }}
        onSelfTest={runSelfTest}
      />
      {actionError !== null && <ErrorNote error={actionError} />}
      {selfTest.error !== undefined && <ErrorNote error={selfTest.error} />}
      <SelfTestSummary state={state} lang={uiLang} view={selfTest} />
      {state.loadError && (
        <div class="note note-error" role="alert" data-testid="packdev-load-error">
          <p class="note-message">{t('packdev.doesNotLoad', { message: state.loadError })}</p>
          <p>{t(preview ? 'packdev.olderShown' : 'packdev.neverLoaded')}</p>
        </div>
      )}
      <div class="packdev-body">
        <aside class="packdev-side">
          <FindingsList findings={state.findings} lang={uiLang} />
          {preview && (
            <nav aria-label={t('packdev.steps')} class="packdev-steps">
              <h2>{t('packdev.steps')}</h2>
              <ol>
                {preview.intro && (
                  <li>
                    <button
                      type="button"
                      class={`step-link ${index === INTRO ? 'is-selected' : ''}`}
                      data-testid="packdev-step-intro"
                      onClick={() => {
                        setSelected(INTRO);
                      }}
                    >
                      {t('packdev.intro')}
                    </button>
                  </li>
                )}
                {steps.map((s, i) => (
                  <li key={s.id}>
                    <button
                      type="button"
                      class={`step-link ${i === index ? 'is-selected' : ''}`}
                      data-testid={`packdev-step-${i}`}
                      onClick={() => {
                        setSelected(i);
                      }}
                    >
                      {i + 1}. {textIn(langs[0] ?? 'en', s.title)}
                    </button>
                  </li>
                ))}
              </ol>
            </nav>
          )}
        </aside>
        {preview && (
          <main class={`packdev-main ${langs.length > 1 ? 'is-both' : ''} ${state.loadError ? 'is-stale' : ''}`} data-testid="packdev-lesson">
            <header class="packdev-lesson-head">
              {langs.map((l) => (
                <div key={l} lang={l}>
                  <h1 data-testid={`packdev-title-${l}`}>{textIn(l, preview.title)}</h1>
                  <p class="muted">{textIn(l, preview.summary)}</p>
                </div>
              ))}
            </header>
            {step && (
              <div class="packdev-step-actions">
                <button type="button" class="btn btn-small" disabled={!state.running || checking} onClick={runChecks} data-testid="packdev-run-checks">
                  {checking ? t('packdev.checking') : t('packdev.runChecks')}
                </button>
                {!state.running && <span class="muted">{t('packdev.runChecksNeedsLab')}</span>}
              </div>
            )}
            <div class="packdev-columns">
              {langs.map((l) => (
                <StepColumn
                  key={l}
                  lang={l}
                  index={index}
                  readings={selfTest.readings}
                  result={step ? results.get(step.id) : undefined}
                  {...(step ? { step } : {})}
                  {...(preview.intro ? { intro: preview.intro } : {})}
                />
              ))}
            </div>
          </main>
        )}
      </div>
      <p class="packdev-footer muted" data-testid="packdev-loaded">
        {t('packdev.reloaded', { time: formatClock(state.loadedAt), revision: state.revision })}
      </p>
    </div>
  );
}

function SelfTestSummary({ state, lang, view }: { state: PackDevState; lang: Lang; view: ReturnType<typeof useSelfTest>[0] }) {
  const t = packDevText.bind(null, lang);
  if (view.running) return <p class="note note-info" data-testid="packdev-selftest-status">{`${t('packdev.selfTestRunning')} ${view.lastLine ?? ''}`}</p>;
  const r = view.report;
  if (!r || r.lab !== state.preview?.id) return null;
  return (
    <div class={`note ${r.passed ? 'note-info' : 'note-error'}`} data-testid="packdev-selftest-status" data-passed={String(r.passed)}>
      <p class="note-message">
        {r.passed
          ? t('packdev.selfTestPassed', { proven: r.checksProven, total: r.checksTotal, seconds: r.seconds })
          : t('packdev.selfTestFailed', { proven: r.checksProven, total: r.checksTotal, defects: r.defects.length })}
      </p>
      {r.defects.length > 0 && (
        <ul>
          {r.defects.map((d, i) => (
            <li key={i}>
              {d.step}/{d.check} [{d.phase}] {d.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
