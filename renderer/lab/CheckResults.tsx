// The grader's verdict for one step, check by check: green or red, what was expected, what was seen,
// and a hint for the ones that failed. Announced politely to screen readers.
import type { StepInfo, StepResultView } from '../../common/contract.js';
import { useI18n } from '../i18n/context.js';
import { Markdown } from '../markdown/Markdown.js';
import { CrossIcon, DotIcon, TickIcon } from '../ui/Icons.js';
import { formatDuration } from '../util/format.js';

export function CheckResults(props: { step: StepInfo; result?: StepResultView | undefined; running: boolean }) {
  const { t, loc } = useI18n();
  const { step, result, running } = props;
  const passedCount = result ? result.checks.filter((c) => c.passed).length : 0;
  return (
    <div class="check-results" aria-live="polite" aria-busy={running} data-testid="check-results">
      {result && (
        <p class={`check-summary ${result.passed ? 'is-pass' : 'is-fail'}`} data-testid="check-summary" data-passed={String(result.passed)}>
          {result.passed ? t('check.allPassed') : t('check.somePassed', { passed: passedCount, total: result.checks.length })}
          <span class="muted"> · {formatDuration(result.ms)}</span>
        </p>
      )}
      <ul class="check-list">
        {result
          ? result.checks.map((c) => (
              <li key={c.id} class={`check-item ${c.passed ? 'is-pass' : 'is-fail'}`} data-testid={`check-${c.id}`} data-passed={String(c.passed)}>
                <span class="check-icon">{c.passed ? <TickIcon /> : <CrossIcon />}</span>
                <div class="check-body">
                  <p class="check-title">
                    <span class="visually-hidden">{c.passed ? t('check.passed') : t('check.failed')}: </span>
                    {loc(c.title)}
                  </p>
                  <dl class="check-facts">
                    <div>
                      <dt>{t('check.expected')}</dt>
                      <dd>{loc(c.expected)}</dd>
                    </div>
                    <div>
                      <dt>{t('check.seen')}</dt>
                      <dd>{loc(c.seen)}</dd>
                    </div>
                  </dl>
                  {!c.passed && loc(c.hint) && (
                    <div class="check-hint">
                      <strong>{t('check.hint')}</strong>
                      <Markdown source={loc(c.hint)} class="md-compact" />
                    </div>
                  )}
                </div>
              </li>
            ))
          : step.checks.map((c) => (
              <li key={c.id} class="check-item is-pending" data-testid={`check-pending-${c.id}`}>
                <span class="check-icon">
                  <DotIcon />
                </span>
                <div class="check-body">
                  <p class="check-title">{loc(c.title)}</p>
                </div>
              </li>
            ))}
      </ul>
    </div>
  );
}
