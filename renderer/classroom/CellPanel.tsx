// One learner's step, opened from the grid: its status and Checks, and what the last Check expected and
// saw, check by check, in the UI's language. It follows the live grid, so a new Check shows at once.
import { useEffect } from 'preact/hooks';
import type { ClassGrid } from '../../common/classroom.js';
import type { Localized } from '../../common/contract.js';
import { useI18n } from '../i18n/context.js';
import { CrossIcon, TickIcon } from '../ui/Icons.js';
import { cellAt, STATUS_MARK, type CellRef } from './classGridModel.js';
import { formatWhen } from './session.js';
import { checkKey } from './useClassGrid.js';

export interface CellPanelProps {
  grid: ClassGrid;
  at: CellRef;
  checkTitles: ReadonlyMap<string, Localized>;
  onClose: () => void;
  onReset: (learner: string, lab: string) => void;
}

export function CellPanel({ grid, at, checkTitles, onClose, onReset }: CellPanelProps) {
  const { t, loc, lang } = useI18n();
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
    };
  }, [onClose]);

  const cell = cellAt(grid, at);
  const learner = grid.learners.find((r) => r.learner.id === at.learner)?.learner;
  const lab = grid.labs.find((l) => l.id === at.lab);
  const step = lab?.steps[at.index];
  if (!cell || !learner || !lab || !step) return null;
  const labTitle = loc(lab.title) || lab.id;

  return (
    <aside class="class-panel" aria-labelledby="class-panel-title" data-testid="class-cell-panel" data-status={cell.status}>
      <header class="class-panel-head">
        <div class="class-panel-heading">
          <p class="class-panel-kicker">
            {learner.name} <span class="muted">({learner.id})</span> · {labTitle}
          </p>
          <h2 id="class-panel-title">{t('class.stepTip', { n: at.index + 1, title: loc(step.title) })}</h2>
        </div>
        <button type="button" class="btn-link" onClick={onClose} aria-label={t('class.panel.close')} data-testid="class-panel-close">
          ×
        </button>
      </header>
      <p class="class-panel-status">
        <span class={`class-status-chip is-${cell.status}`} data-testid="class-panel-status">
          <span aria-hidden="true">{STATUS_MARK[cell.status]}</span> {t(`class.status.${cell.status}`)}
        </span>
        <span class="muted">{t('class.attempts', { n: cell.attempts })}</span>
        {cell.failsSincePass > 1 && <span class="muted">· {t('class.panel.failsSincePass', { n: cell.failsSincePass })}</span>}
      </p>
      <ul class="class-panel-times">
        {cell.lastCheckedAt ? <li data-testid="class-panel-when">{t('class.panel.lastCheck', { time: formatWhen(cell.lastCheckedAt, lang) })}</li> : <li class="muted">{t('class.panel.never')}</li>}
        {cell.earnedAt && <li>{t('class.panel.earnedAt', { time: formatWhen(cell.earnedAt, lang) })}</li>}
        {cell.solvedAt && <li>{t('class.panel.solvedAt', { time: formatWhen(cell.solvedAt, lang) })}</li>}
      </ul>
      {cell.lastChecks.length > 0 && (
        <section class="class-panel-checks">
          <h3>{t('class.panel.checks')}</h3>
          <ul class="check-list">
            {cell.lastChecks.map((c) => {
              const title = checkTitles.get(checkKey(lab.id, at.index, c.id));
              return (
                <li key={c.id} class={`check-item ${c.passed ? 'is-pass' : 'is-fail'}`} data-testid={`class-check-${c.id}`} data-passed={String(c.passed)}>
                  <span class="check-icon">{c.passed ? <TickIcon /> : <CrossIcon />}</span>
                  <div class="check-body">
                    <p class="check-title">
                      <span class="visually-hidden">{c.passed ? t('check.passed') : t('check.failed')}: </span>
                      {title ? loc(title) : c.id}
                    </p>
                    <dl class="check-facts">
                      <div>
                        <dt>{t('check.expected')}</dt>
                        <dd data-testid="class-check-expected">{loc(c.expected)}</dd>
                      </div>
                      <div>
                        <dt>{t('check.seen')}</dt>
                        <dd data-testid="class-check-seen">{loc(c.seen)}</dd>
                      </div>
                    </dl>
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <div class="class-panel-actions">
        <button
          type="button"
          class="btn btn-small btn-danger-outline"
          onClick={() => {
            onReset(learner.id, lab.id);
          }}
          data-testid="class-panel-reset"
        >
          ↺ {t('class.resetLab')}
        </button>
      </div>
    </aside>
  );
}
