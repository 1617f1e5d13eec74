// Start, stop and reset the lab. Reset asks first and says that the learner's files are backed up.
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/context.js';
import { ConfirmDialog } from '../ui/ConfirmDialog.js';

export type LabOp = 'up' | 'down' | 'reset' | 'from';

/** `nodesStopped`: the lab is up but none of its nodes runs (the engine restarted): Reset is the way on. */
export function LabControls(props: { running: boolean; nodesStopped: boolean; busy: LabOp | null; onOp: (op: LabOp) => void }) {
  const { t } = useI18n();
  const [confirmReset, setConfirmReset] = useState(false);
  const { running, nodesStopped, busy } = props;
  const chip = !running ? 'is-stopped' : nodesStopped ? 'is-halted' : 'is-running';
  const label = (op: LabOp, text: string) =>
    busy === op ? (
      <>
        <span class={`spinner ${op === 'up' ? 'spinner-light' : ''}`} aria-hidden="true" /> {t(`lab.busy.${op}`)}
      </>
    ) : (
      text
    );
  return (
    <div class="lab-controls" role="group" aria-label={t('lab.controls')}>
      <span class={`status-chip ${chip}`} data-testid="lab-status" data-running={String(running)} data-nodes-stopped={String(nodesStopped)}>
        <span class="status-dot" aria-hidden="true" />
        {!running ? t('lab.stopped') : nodesStopped ? t('lab.nodesStopped') : t('lab.running')}
      </span>
      <button
        type="button"
        class="btn btn-primary"
        disabled={busy !== null || running}
        onClick={() => {
          props.onOp('up');
        }}
        data-testid="lab-up"
      >
        {label('up', t('lab.up'))}
      </button>
      <button
        type="button"
        class="btn"
        disabled={busy !== null || !running}
        onClick={() => {
          props.onOp('down');
        }}
        data-testid="lab-down"
      >
        {label('down', t('lab.down'))}
      </button>
      <button
        type="button"
        class="btn"
        disabled={busy !== null}
        onClick={() => {
          setConfirmReset(true);
        }}
        data-testid="lab-reset"
      >
        {label('reset', t('lab.reset'))}
      </button>
      {confirmReset && (
        <ConfirmDialog
          title={t('lab.resetTitle')}
          confirmLabel={t('lab.resetConfirm')}
          cancelLabel={t('common.cancel')}
          danger
          testid="reset-dialog"
          onCancel={() => {
            setConfirmReset(false);
          }}
          onConfirm={() => {
            setConfirmReset(false);
            props.onOp('reset');
          }}
        >
          <p>{t('lab.resetBody')}</p>
          <p>{t('lab.resetBackup')}</p>
          <p class="muted">{t('lab.resetProgress')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
