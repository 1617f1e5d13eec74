// The instructor's dashboard (#/class): the class's name and counts, the live grid of learners x steps,
// a step's last Check on demand, resetting a learner's lab, a message to the class and the results as files;
// or, chosen from a learner's row, that learner's lab live and read-only (LearnerInspect), until Back.
import { useCallback, useState } from 'preact/hooks';
import type { ClassMessageView, HalabApi, SessionInfo } from '../../common/contract.js';
import type { ConnectionStore } from '../api/connection.js';
import { useI18n } from '../i18n/context.js';
import { ConfirmDialog } from '../ui/ConfirmDialog.js';
import { ErrorNote } from '../ui/ErrorNote.js';
import { useStore } from '../util/useStore.js';
import { CellPanel } from './CellPanel.js';
import { classCounts, STATUS_MARK, STATUSES, type CellRef } from './classGridModel.js';
import { ClassGridTable } from './ClassGridTable.js';
import { ClassMessageBox } from './ClassMessageBox.js';
import { EnginePanel } from './EnginePanel.js';
import { ClassReportButtons } from './ClassReportButtons.js';
import { LearnerInspect } from './LearnerInspect.js';
import { formatWhen } from './session.js';
import './inspect.css';
import { useCheckTitles, useClassGrid } from './useClassGrid.js';

export interface ClassDashboardProps {
  api: HalabApi;
  connection: ConnectionStore;
  session: SessionInfo;
  messages: readonly ClassMessageView[];
  onMessageSent: (m: ClassMessageView) => void;
}

interface LabOfLearner {
  learner: string;
  lab: string;
}
type ResetNote = (LabOfLearner & { state: 'busy' | 'done' }) | (LabOfLearner & { state: 'failed'; error: unknown });

export function ClassDashboard({ api, connection, session, messages, onMessageSent }: ClassDashboardProps) {
  const { t, loc, lang } = useI18n();
  const conn = useStore(connection);
  const { grid, error, retry } = useClassGrid(api, conn.session);
  const checkTitles = useCheckTitles(api, grid?.labs.map((l) => l.id) ?? []);
  const [selected, setSelected] = useState<CellRef | null>(null);
  const [asking, setAsking] = useState<LabOfLearner | null>(null);
  const [resetNote, setResetNote] = useState<ResetNote | null>(null);
  const [inspecting, setInspecting] = useState<LabOfLearner | null>(null);
  const closePanel = useCallback(() => {
    setSelected(null);
  }, []);
  const backToGrid = useCallback(() => {
    setInspecting(null);
  }, []);

  if (!grid) {
    return (
      <section class="class-dashboard" data-testid="class-dashboard">
        {error !== null ? (
          <ErrorNote error={error} onRetry={retry} />
        ) : (
          <div class="loading-row" aria-busy="true">
            <span class="spinner" aria-hidden="true" /> {t('class.loading')}
          </div>
        )}
      </section>
    );
  }

  const nameOf = (learner: string): string => grid.learners.find((r) => r.learner.id === learner)?.learner.name ?? learner;
  const titleOf = (lab: string): string => {
    const l = grid.labs.find((x) => x.id === lab);
    return (l && loc(l.title)) || lab;
  };
  const reset = async (target: LabOfLearner): Promise<void> => {
    setAsking(null);
    setResetNote({ ...target, state: 'busy' });
    try {
      await api.call('class.resetLab', target);
      setResetNote({ ...target, state: 'done' });
    } catch (err) {
      setResetNote({ ...target, state: 'failed', error: err });
    }
  };
  const ask = (learner: string, lab: string): void => {
    setAsking({ learner, lab });
  };
  const inspect = (learner: string, lab: string): void => {
    setInspecting({ learner, lab });
  };
  if (inspecting) {
    return (
      <LearnerInspect
        key={`${inspecting.learner}/${inspecting.lab}`}
        api={api}
        connectionSession={conn.session}
        learner={{ id: inspecting.learner, name: nameOf(inspecting.learner) }}
        lab={{ id: inspecting.lab, title: titleOf(inspecting.lab) }}
        onBack={backToGrid}
      />
    );
  }
  const counts = classCounts(grid);
  const noteVars = resetNote ? { lab: titleOf(resetNote.lab), name: nameOf(resetNote.learner) } : undefined;

  return (
    <section class="class-dashboard" aria-labelledby="class-title" data-testid="class-dashboard">
      <header class="class-head">
        <div class="class-title">
          <p class="class-kicker">{t('nav.dashboard')}</p>
          <h1 id="class-title" data-testid="class-name">
            {session.className ?? ''}
          </h1>
        </div>
        <ul class="class-counts">
          <li data-testid="class-count-learners">{t('class.counts.learners', { n: counts.learners })}</li>
          <li class="is-earned" data-testid="class-count-earned">
            {t('class.counts.earned', { n: counts.earned, total: counts.steps })}
          </li>
          <li class={counts.stuck > 0 ? 'is-stuck' : ''} data-testid="class-count-stuck">
            {t('class.counts.stuck', { n: counts.stuck })}
          </li>
        </ul>
        <div class="class-head-tools">
          <ClassReportButtons api={api} />
          <a class="btn btn-small" href="#/" data-testid="class-open-labs">
            {t('class.openLabs')} →
          </a>
        </div>
      </header>
      <ClassMessageBox api={api} messages={messages} onSent={onMessageSent} />
      <EnginePanel grid={grid} />
      <div class="class-legend-row">
        <ul class="class-legend" aria-label={t('class.legend')}>
          {STATUSES.map((s) => (
            <li key={s}>
              <span class={`class-legend-swatch is-${s}`} aria-hidden="true">
                {STATUS_MARK[s]}
              </span>
              {t(`class.status.${s}`)}
            </li>
          ))}
        </ul>
        <span class="muted small" data-testid="class-updated">
          {t('class.updated', { time: formatWhen(grid.at, lang) })}
        </span>
      </div>
      {error !== null && <ErrorNote error={error} onRetry={retry} />}
      {resetNote && (
        <div class={`lab-feedback ${resetNote.state === 'failed' ? 'is-error' : ''}`} role="status" aria-live="polite" data-testid="class-reset-note" data-state={resetNote.state}>
          {resetNote.state === 'busy' && <span class="spinner" aria-hidden="true" />}
          {resetNote.state === 'busy' && t('class.resetting', noteVars)}
          {resetNote.state === 'done' && t('class.resetDone', noteVars)}
          {resetNote.state === 'failed' && <ResetError error={resetNote.error} />}
          {resetNote.state !== 'busy' && (
            <button
              type="button"
              class="btn-link"
              onClick={() => {
                setResetNote(null);
              }}
              aria-label={t('common.dismiss')}
            >
              ×
            </button>
          )}
        </div>
      )}
      <div class="class-body">
        <ClassGridTable grid={grid} selected={selected} onSelect={setSelected} onReset={ask} onInspect={inspect} />
        {selected && <CellPanel grid={grid} at={selected} checkTitles={checkTitles} onClose={closePanel} onReset={ask} />}
      </div>
      {asking && (
        <ConfirmDialog
          title={t('class.resetTitle', { lab: titleOf(asking.lab), name: nameOf(asking.learner) })}
          confirmLabel={t('class.resetLab')}
          cancelLabel={t('common.cancel')}
          danger
          onConfirm={() => void reset(asking)}
          onCancel={() => {
            setAsking(null);
          }}
          testid="class-reset-dialog"
        >
          <p>{t('class.resetBody')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function ResetError({ error }: { error: unknown }) {
  const { err: describe } = useI18n();
  const info = describe(error);
  return <span>{info.fix ? `${info.message} ${info.fix}` : info.message}</span>;
}
