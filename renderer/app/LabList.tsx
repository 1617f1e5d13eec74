// Every lab pack with the learner's progress; broken packs are listed with their error, not hidden.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { HalabApi, LabSummary, SystemStatus } from '../../common/contract.js';
import { useI18n } from '../i18n/context.js';
import { ErrorNote } from '../ui/ErrorNote.js';
import { ProgressBar } from '../ui/ProgressBar.js';
import { percent } from '../util/format.js';
import { compareLabs } from '../../common/labOrder.js';

/** The list's order, whatever order the host sent: card numbers follow it. */
export const orderLabs = (labs: readonly LabSummary[]): LabSummary[] => [...labs].sort((a, b) => compareLabs({ ...a, title: a.title.en }, { ...b, title: b.title.en }));

export function LabList(props: { api: HalabApi; status?: SystemStatus | null; onOpen: (lab: string) => void }) {
  const { api, onOpen } = props;
  const { t } = useI18n();
  const [labs, setLabs] = useState<LabSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async (): Promise<void> => {
    setError(null);
    try {
      setLabs(orderLabs(await api.call('labs.list', {})));
    } catch (err) {
      setError(err);
    }
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(
    () =>
      api.on('lab.changed', () => {
        void load();
      }),
    [api, load],
  );

  const kernelGaps = props.status?.kernel.filter((k) => !k.ok) ?? [];

  return (
    <section class="lab-list-page" aria-labelledby="labs-title">
      <header class="page-header">
        <h1 id="labs-title">{t('labs.title')}</h1>
        <p class="page-lead">{t('labs.lead')}</p>
      </header>
      {error !== null && <ErrorNote error={error} onRetry={() => void load()} />}
      {labs === null && error === null && (
        <div class="loading-row" aria-busy="true">
          <span class="spinner" aria-hidden="true" />
          {t('labs.loading')}
        </div>
      )}
      {labs !== null && labs.length === 0 && <p class="muted">{t('labs.none')}</p>}
      {labs !== null && (
        <ul class="lab-grid">
          {labs.map((lab, i) => (
            <li key={lab.id}>
              <LabCard lab={lab} number={i + 1} onOpen={onOpen} />
            </li>
          ))}
        </ul>
      )}
      {kernelGaps.length > 0 && (
        <aside class="note note-info">
          <p class="note-message">{t('labs.kernelGaps')}</p>
          <ul>
            {kernelGaps.map((k) => (
              <li key={k.name}>
                <strong>{k.name}</strong>: {k.detail}
              </li>
            ))}
          </ul>
        </aside>
      )}
    </section>
  );
}

export function LabCard({ lab, number, onOpen }: { lab: LabSummary; number: number; onOpen: (lab: string) => void }) {
  const { t, loc } = useI18n();
  const pct = percent(lab.earned, lab.steps);
  const complete = lab.steps > 0 && lab.earned >= lab.steps;
  const title = loc(lab.title) || lab.id;
  return (
    <article class={`lab-card ${lab.error ? 'lab-card-invalid' : ''} ${complete ? 'lab-card-complete' : ''}`} data-testid={`lab-card-${lab.id}`} aria-labelledby={`lab-title-${lab.id}`}>
      <div class="lab-card-top">
        <span class="lab-number" aria-hidden="true">
          {String(number).padStart(2, '0')}
        </span>
        <div class="lab-badges">
          {lab.running && (
            <span class="badge badge-running" data-testid="lab-running">
              {t('labs.running')}
            </span>
          )}
          {complete && <span class="badge badge-success">{t('labs.complete')}</span>}
          {lab.minutes !== undefined && <span class="badge">{t('labs.minutes', { n: lab.minutes })}</span>}
        </div>
      </div>
      <h2 id={`lab-title-${lab.id}`}>{title}</h2>
      {lab.error ? (
        <div class="note note-error">
          <p class="note-message">{t('labs.invalid')}</p>
          <pre class="lab-error">{lab.error}</pre>
        </div>
      ) : (
        <>
          <p class="lab-summary">
            {/* Summaries are plain text, but name commands in backticks as the lessons do. */}
            {loc(lab.summary)
              .split(/`([^`]+)`/)
              .map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}
          </p>
          <div class="lab-progress">
            <ProgressBar value={pct} label={t('labs.progressLabel', { title })} tone={complete ? 'success' : 'accent'} small />
            <span class="lab-progress-text" data-testid="lab-progress">
              {t('labs.progress', { earned: lab.earned, steps: lab.steps, pct })}
            </span>
          </div>
        </>
      )}
      <div class="lab-card-actions">
        <button
          type="button"
          class="btn btn-primary"
          disabled={!!lab.error}
          onClick={() => {
            onOpen(lab.id);
          }}
          data-testid={`lab-open-${lab.id}`}
        >
          {lab.earned > 0 && !complete ? t('labs.continue') : complete ? t('labs.review') : t('labs.start')}
        </button>
      </div>
    </article>
  );
}
