// A lab: instructions and checks on the left, the workspace on the right, the lab's controls on top.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { HalabApi, LabDetail, StepResultView } from '../../common/contract.js';
import type { ConnectionStore } from '../api/connection.js';
import { useI18n } from '../i18n/context.js';
import type { StringKey } from '../i18n/tables.js';
import type { Vars } from '../i18n/translate.js';
import { everyNodeStopped, useTopology } from '../topology/useTopology.js';
import { ErrorNote } from '../ui/ErrorNote.js';
import { useStore } from '../util/useStore.js';
import { currentStep, earnedFromDetail, earnedFromResult } from './earned.js';
import { LabControls, type LabOp } from './LabControls.js';
import { INTRO, StepsPanel } from './StepsPanel.js';
import { useSplitter } from './useSplitter.js';
import { Workspace } from './Workspace.js';

/** Success is kept as a key so it follows a language switch; errors come from the host as text. */
type Feedback = { ok: true; key: StringKey; vars?: Vars } | { ok: false; error: unknown };
const FEEDBACK_MS = 10_000;

const errorLine = (e: { message: string; fix?: string }): string => (e.fix ? `${e.message} ${e.fix}` : e.message);

export interface LabViewProps {
  api: HalabApi;
  lab: string;
  connection: ConnectionStore;
}

export function LabView({ api, lab, connection }: LabViewProps) {
  const { t, loc, err: describe } = useI18n();
  const conn = useStore(connection);
  const [detail, setDetail] = useState<LabDetail | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [earned, setEarned] = useState<ReadonlySet<number>>(new Set());
  const [results, setResults] = useState<ReadonlyMap<number, StepResultView>>(new Map());
  const [checking, setChecking] = useState<ReadonlySet<number>>(new Set());
  const [checkErrors, setCheckErrors] = useState<ReadonlyMap<number, unknown>>(new Map());
  const [selected, setSelected] = useState<number | null>(null);
  const [busy, setBusy] = useState<LabOp | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  // While starting from a step: which earlier step's solution is being applied.
  const [applying, setApplying] = useState<{ index: number; total: number } | null>(null);
  // Counts lab (re)starts: terminals and the editor reconnect to fresh containers when it changes.
  const [starts, setStarts] = useState(0);
  const { leftWidth, splitterProps, containerRef } = useSplitter('halab.stepsWidth', 440);
  const live = useTopology(api, lab, detail?.running ?? false, conn.session);

  const accept = useCallback((d: LabDetail) => {
    setDetail(d);
    setEarned((prev) => earnedFromDetail(prev, d));
  }, []);

  const load = useCallback(async (): Promise<void> => {
    try {
      accept(await api.call('labs.get', { lab }));
      setLoadError(null);
    } catch (err) {
      setLoadError(err);
    }
  }, [api, lab, accept]);

  // Reload on entry and after every reconnection (the lab may have changed meanwhile).
  useEffect(() => {
    void load();
  }, [load, conn.session]);

  const runningRef = useRef<boolean | undefined>(undefined);
  runningRef.current = detail?.running;
  useEffect(
    () =>
      api.on('lab.changed', (p) => {
        if (p.lab !== lab) return;
        if (p.running && runningRef.current === false) setStarts((n) => n + 1);
        void load();
      }),
    [api, lab, load],
  );

  useEffect(
    () =>
      api.on('lab.checkpoint', (p) => {
        if (p.lab === lab) setApplying({ index: p.index, total: p.total });
      }),
    [api, lab],
  );

  const startFrom = async (index: number): Promise<void> => {
    setBusy('from');
    setApplying(null);
    setFeedback(null);
    try {
      const r = await api.call('lab.startFrom', { lab, step: index });
      accept(r.detail);
      setStarts((n) => n + 1);
      setResults(new Map());
      setSelected(index);
      setFeedback(
        index > 0
          ? { ok: true, key: 'lab.fromDone', vars: { n: index + 1, k: index } }
          : r.backup
            ? { ok: true, key: 'lab.resetDoneBackup', vars: { path: r.backup } }
            : { ok: true, key: 'lab.resetDone' },
      );
    } catch (err) {
      setFeedback({ ok: false, error: err });
    } finally {
      setBusy(null);
      setApplying(null);
    }
  };

  // Success notes fade after a while; errors stay until dismissed.
  useEffect(() => {
    if (!feedback?.ok) return;
    const timer = setTimeout(() => {
      setFeedback(null);
    }, FEEDBACK_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [feedback]);

  // A newly chosen step starts at its top.
  const leftRef = useRef<HTMLElement>(null);
  useEffect(() => {
    leftRef.current?.scrollTo?.({ top: 0 });
  }, [selected]);

  // First arrival: show the intro to newcomers, else the first step not earned yet.
  useEffect(() => {
    if (!detail || selected !== null) return;
    setSelected(earned.size === 0 && detail.intro ? INTRO : currentStep(detail, earned));
  }, [detail, earned, selected]);

  const check = async (index: number): Promise<void> => {
    setChecking((s) => new Set(s).add(index));
    setCheckErrors((m) => {
      const n = new Map(m);
      n.delete(index);
      return n;
    });
    try {
      const r = await api.call('checks.run', { lab, step: index });
      setResults((m) => new Map(m).set(index, r));
      setEarned((prev) => earnedFromResult(prev, r));
    } catch (err) {
      setCheckErrors((m) => new Map(m).set(index, err));
    } finally {
      setChecking((s) => {
        const n = new Set(s);
        n.delete(index);
        return n;
      });
    }
  };

  const runOp = async (op: LabOp): Promise<void> => {
    setBusy(op);
    setFeedback(null);
    try {
      if (op === 'up') {
        accept(await api.call('lab.up', { lab }));
        setStarts((n) => n + 1);
        setFeedback({ ok: true, key: 'lab.upDone' });
      } else if (op === 'down') {
        const r = await api.call('lab.down', { lab });
        setFeedback({ ok: true, key: 'lab.downDone', vars: { n: r.removedContainers } });
        await load();
      } else {
        const r = await api.call('lab.reset', { lab });
        accept(r.detail);
        setStarts((n) => n + 1);
        setResults(new Map());
        setFeedback(r.backup ? { ok: true, key: 'lab.resetDoneBackup', vars: { path: r.backup } } : { ok: true, key: 'lab.resetDone' });
      }
    } catch (err) {
      setFeedback({ ok: false, error: err });
    } finally {
      setBusy(null);
    }
  };

  if (loadError !== null && !detail) {
    return (
      <div class="lab-view-error">
        <ErrorNote error={loadError} onRetry={() => void load()} />
      </div>
    );
  }
  if (!detail || selected === null) {
    return (
      <div class="loading-row lab-loading" aria-busy="true">
        <span class="spinner" aria-hidden="true" /> {t('lab.loading')}
      </div>
    );
  }

  const epoch = `${starts}:${conn.session}`;
  return (
    <div class="lab-view" data-testid={`lab-view-${lab}`}>
      <div class="lab-bar">
        <div class="lab-heading">
          <h1>{loc(detail.title)}</h1>
          <p class="muted small">
            {t('lab.subnet', { subnet: detail.subnet })}
            {detail.vips.length > 0 && <> · VIP {detail.vips.join(', ')}</>}
          </p>
        </div>
        <LabControls running={detail.running} nodesStopped={detail.running && everyNodeStopped(live.state)} busy={busy} onOp={(op) => void runOp(op)} />
      </div>
      {(busy || feedback) && (
        <div class={`lab-feedback ${feedback && !feedback.ok ? 'is-error' : ''}`} role="status" aria-live="polite" data-testid="lab-feedback">
          {busy ? (
            <>
              <span class="spinner" aria-hidden="true" /> {busy === 'from' && applying ? t('lab.progress.fromStep', { n: applying.index + 1, total: applying.total }) : t(`lab.progress.${busy}`)}
            </>
          ) : (
            feedback && (feedback.ok ? t(feedback.key, feedback.vars) : errorLine(describe(feedback.error)))
          )}
          {feedback && !busy && (
            <button
              type="button"
              class="btn-link"
              onClick={() => {
                setFeedback(null);
              }}
              aria-label={t('common.dismiss')}
            >
              ×
            </button>
          )}
        </div>
      )}
      <div class="lab-split" ref={containerRef}>
        <aside class="lab-left" ref={leftRef} style={{ width: `${leftWidth}px` }} aria-label={t('steps.panelLabel')}>
          <StepsPanel
            detail={detail}
            earned={earned}
            results={results}
            selected={selected}
            checking={checking}
            checkErrors={checkErrors}
            onSelect={setSelected}
            onCheck={(i) => void check(i)}
            onStartFrom={(i) => void startFrom(i)}
            busy={busy !== null}
          />
        </aside>
        <div class="splitter" {...splitterProps} aria-label={t('lab.resize')} />
        <section class="lab-right" aria-label={t('ws.label')}>
          <Workspace api={api} detail={detail} epoch={epoch} live={live} onStart={() => void runOp('up')} starting={busy !== null} />
        </section>
      </div>
    </div>
  );
}
