// The left side of a lab: completion, the step list with each step's status, the selected step's
// instructions, and its Check button with the results.
import { useState } from 'preact/hooks';
import type { LabDetail, StepResultView } from '../../common/contract.js';
import { useI18n } from '../i18n/context.js';
import { Markdown } from '../markdown/Markdown.js';
import { ConfirmDialog } from '../ui/ConfirmDialog.js';
import { ErrorNote } from '../ui/ErrorNote.js';
import { CrossIcon, TickIcon } from '../ui/Icons.js';
import { ProgressBar } from '../ui/ProgressBar.js';
import { percent } from '../util/format.js';
import { CheckResults } from './CheckResults.js';
import { SourcesNote } from './SourcesNote.js';

/** -1 stands for the introduction. */
export const INTRO = -1;

export interface StepsPanelProps {
  detail: LabDetail;
  earned: ReadonlySet<number>;
  results: ReadonlyMap<number, StepResultView>;
  selected: number;
  checking: ReadonlySet<number>;
  checkErrors: ReadonlyMap<number, unknown>;
  onSelect: (index: number) => void;
  onCheck: (index: number) => void;
  /** Reset the lab and apply the solutions of the steps before `index`; absent hides the action. */
  onStartFrom?: (index: number) => void;
  /** A lab operation is running: the start-from actions wait. */
  busy?: boolean;
}

type StepStatus = 'earned' | 'solved' | 'failed' | 'todo';

/** Solved (done with the reference solution) shows apart from earned and never counts as earned. */
function statusOf(i: number, detail: LabDetail, earned: ReadonlySet<number>, results: ReadonlyMap<number, StepResultView>): StepStatus {
  if (earned.has(i)) return 'earned';
  if (detail.steps[i]?.solvedAt) return 'solved';
  const r = results.get(i);
  return r && !r.passed ? 'failed' : 'todo';
}

export function StepsPanel(props: StepsPanelProps) {
  const { t, loc } = useI18n();
  const { detail, earned, results, selected } = props;
  const total = detail.steps.length;
  const done = detail.steps.filter((_, i) => earned.has(i)).length;
  const pct = percent(done, total);
  const step = selected >= 0 ? detail.steps[selected] : undefined;
  const showIntro = selected === INTRO && detail.intro;
  const [confirmFrom, setConfirmFrom] = useState<number | null>(null);

  return (
    <div class="steps-panel">
      <div class="completion" data-testid="lab-completion" data-percent={pct}>
        <div class="completion-text">
          <span>{t('steps.completion', { done, total })}</span>
          <strong>{pct}%</strong>
        </div>
        <ProgressBar value={pct} label={t('steps.completionLabel')} tone={pct === 100 ? 'success' : 'accent'} />
      </div>

      <nav aria-label={t('steps.listLabel')}>
        <ol class="step-list">
          {detail.intro && (
            <li>
              <button
                type="button"
                class={`step-link ${selected === INTRO ? 'is-selected' : ''}`}
                aria-current={selected === INTRO ? 'step' : undefined}
                onClick={() => {
                  props.onSelect(INTRO);
                }}
                data-testid="step-intro"
              >
                <span class="step-marker step-marker-intro" aria-hidden="true">
                  i
                </span>
                <span class="step-name">{t('steps.intro')}</span>
              </button>
            </li>
          )}
          {detail.steps.map((s, i) => {
            const st = statusOf(i, detail, earned, results);
            return (
              <li key={s.id} class="step-item">
                <button
                  type="button"
                  class={`step-link status-${st} ${selected === i ? 'is-selected' : ''}`}
                  aria-current={selected === i ? 'step' : undefined}
                  onClick={() => {
                    props.onSelect(i);
                  }}
                  data-testid={`step-${i}`}
                  data-status={st}
                  data-earned={String(st === 'earned')}
                >
                  <span class="step-marker" aria-hidden="true">
                    {st === 'earned' ? <TickIcon /> : st === 'failed' ? <CrossIcon /> : i + 1}
                  </span>
                  <span class="step-name">{loc(s.title)}</span>
                  <span class="visually-hidden">{t(`steps.status.${st}`)}</span>
                </button>
                {props.onStartFrom && (
                  <button
                    type="button"
                    class="step-from"
                    disabled={props.busy}
                    title={t('steps.startFrom')}
                    aria-label={`${t('steps.startFrom')}: ${loc(s.title)}`}
                    onClick={() => {
                      setConfirmFrom(i);
                    }}
                    data-testid={`start-from-${i}`}
                  >
                    <span aria-hidden="true">⤓</span>
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      </nav>

      <article class="step-content" aria-labelledby="step-heading">
        {showIntro && detail.intro && (
          <>
            <p class="step-kicker" id="step-heading">
              {t('steps.intro')}
            </p>
            <Markdown source={loc(detail.intro)} />
            {detail.steps.length > 0 && (
              <button
                type="button"
                class="btn btn-primary"
                onClick={() => {
                  props.onSelect(0);
                }}
              >
                {t('steps.begin')}
              </button>
            )}
          </>
        )}
        {step && (
          <>
            <p class="step-kicker" id="step-heading">
              {t('steps.kicker', { n: selected + 1, total })}
              {earned.has(selected) && <span class="badge badge-success">{t('steps.earned')}</span>}
              {!earned.has(selected) && step.solvedAt && <span class="badge badge-solved">{t('steps.solved')}</span>}
            </p>
            <Markdown source={loc(step.body)} />
            <section class="check-box" aria-label={t('check.sectionLabel')}>
              <div class="check-box-head">
                <h3>{t('check.heading')}</h3>
                <button
                  type="button"
                  class="btn btn-primary"
                  disabled={!detail.running || props.checking.has(selected)}
                  onClick={() => {
                    props.onCheck(selected);
                  }}
                  data-testid={`check-step-${selected}`}
                >
                  {props.checking.has(selected) ? (
                    <>
                      <span class="spinner spinner-light" aria-hidden="true" /> {t('check.running')}
                    </>
                  ) : (
                    t('check.button')
                  )}
                </button>
              </div>
              {!detail.running && <p class="muted">{t('check.needsRunning')}</p>}
              {props.checkErrors.has(selected) && <ErrorNote error={props.checkErrors.get(selected)} />}
              <CheckResults step={step} result={results.get(selected)} running={props.checking.has(selected)} />
              {results.get(selected)?.passed && selected + 1 < total && (
                <button
                  type="button"
                  class="btn btn-primary next-step"
                  onClick={() => {
                    props.onSelect(selected + 1);
                  }}
                  data-testid="next-step"
                >
                  {t('steps.next')} →
                </button>
              )}
              {results.get(selected)?.passed && selected + 1 === total && done === total && (
                <p class="lab-done" role="status">
                  {t('steps.labDone')}
                </p>
              )}
            </section>
          </>
        )}
      </article>

      {confirmFrom !== null && (
        <ConfirmDialog
          title={t('steps.startFromTitle', { n: confirmFrom + 1 })}
          confirmLabel={t('steps.startFromConfirm')}
          cancelLabel={t('common.cancel')}
          danger
          testid="start-from-dialog"
          onCancel={() => {
            setConfirmFrom(null);
          }}
          onConfirm={() => {
            const index = confirmFrom;
            setConfirmFrom(null);
            props.onStartFrom?.(index);
          }}
        >
          <p>{confirmFrom === 0 ? t('steps.startFromBodyFirst') : t('steps.startFromBody', { k: confirmFrom })}</p>
          <p>{t('lab.resetBackup')}</p>
          {confirmFrom > 0 && <p class="muted">{t('steps.startFromProgress', { k: confirmFrom })}</p>}
        </ConfirmDialog>
      )}

      <SourcesNote sources={detail.sources} />
    </div>
  );
}
