// The instructor's view of one learner's lab, opened from the learner's row in the grid: the learner's live
// topology (the diagram and VIP timeline the learner sees, without the fault buttons) and a read-only screen
// of each terminal they have open. Marked read-only throughout; "lab not running" when it is not; a way back.
import { useEffect, useState } from 'preact/hooks';
import type { HalabApi } from '../../common/contract.js';
import { useI18n } from '../i18n/context.js';
import { splitBrainVips } from '../topology/layout.js';
import { Timeline } from '../topology/Timeline.js';
import { TopologyDiagram } from '../topology/TopologyDiagram.js';
import { ErrorNote } from '../ui/ErrorNote.js';
import { EyeIcon } from './EyeIcon.js';
import { useInspectText } from './inspectStrings.js';
import { useLearnerLab } from './useLearnerLab.js';
import { WatchTerminal } from './WatchTerminal.js';

export interface LearnerInspectProps {
  api: HalabApi;
  connectionSession: number;
  learner: { id: string; name: string };
  lab: { id: string; title: string };
  onBack: () => void;
}

export function LearnerInspect({ api, connectionSession, learner, lab, onBack }: LearnerInspectProps) {
  const { t } = useI18n();
  const text = useInspectText();
  const { view, topology, error } = useLearnerLab(api, learner.id, lab.id, connectionSession);
  const [node, setNode] = useState<string | null>(null);
  const terminals = view?.terminals ?? [];
  // The tab shown: the one chosen while it is open, else the first open one; a closed one keeps its last screen.
  const [shown, setShown] = useState<string[]>([]);
  useEffect(() => {
    setShown((prev) => [...prev, ...terminals.filter((n) => !prev.includes(n))]);
  }, [terminals.join(',')]);
  const current = node && shown.includes(node) ? node : (terminals[0] ?? shown[0] ?? null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onBack();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
    };
  }, [onBack]);

  const state = topology.state;
  const split = splitBrainVips(state?.vips ?? []);
  const vars = { name: learner.name, lab: lab.title };

  return (
    <section class="inspect" aria-labelledby="inspect-title" data-testid="class-inspect" data-learner={learner.id} data-lab={lab.id}>
      <header class="inspect-head">
        <button type="button" class="btn btn-small inspect-back" onClick={onBack} data-testid="inspect-back">
          ← {text('inspect.back')}
        </button>
        <div class="inspect-heading">
          <p class="inspect-kicker">{text('inspect.kicker')}</p>
          <h1 id="inspect-title">
            <span class="inspect-learner">{learner.name}</span>
            <span class="inspect-learner-id">{learner.id}</span>
            <span class="inspect-lab">{lab.title}</span>
          </h1>
        </div>
        <p class="inspect-readonly" data-testid="inspect-readonly" title={text('inspect.readOnlyHint')}>
          <EyeIcon />
          <strong>{text('inspect.readOnly')}</strong>
          <span class="inspect-readonly-hint">{text('inspect.readOnlyHint')}</span>
        </p>
      </header>
      {error !== null && <ErrorNote error={error} />}
      {!view && error === null && (
        <div class="loading-row" aria-busy="true">
          <span class="spinner" aria-hidden="true" /> {text('inspect.loading')}
        </div>
      )}
      {view?.removed && (
        <p class="note note-warn" role="status" data-testid="inspect-removed">
          {text('inspect.removed', vars)}
        </p>
      )}
      {view && !view.removed && !view.running && (
        <div class="note note-info inspect-not-running" role="status" data-testid="inspect-not-running">
          <strong>{text('inspect.notRunning')}</strong> {text('inspect.notRunningHint', vars)}
        </div>
      )}
      {view && !view.removed && (
        <div class="inspect-body">
          <section class="inspect-topology" aria-labelledby="inspect-topology-title">
            <h2 id="inspect-topology-title">{text('inspect.topology')}</h2>
            {split.length > 0 && (
              <div class="split-alarm" role="alert">
                <strong>{t('topo.splitTitle')}</strong> {split.map((v) => t('topo.vipSplit', { vip: v.vip, holders: v.holders.join(', ') })).join(' ')}
              </div>
            )}
            {state && <TopologyDiagram nodes={state.nodes} vips={state.vips} vrrp={state.vrrp} selected={null} onSelect={() => undefined} />}
            <p class="topology-legend muted small">
              <span class="legend-swatch legend-holder" /> {t('topo.legendHolder')}
              <span class="legend-swatch legend-split" /> {t('topo.legendSplit')}
              <span class="legend-swatch legend-down" /> {t('topo.legendDown')}
            </p>
            <Timeline timeline={state?.timeline ?? []} />
          </section>
          <section class="inspect-terminals" aria-labelledby="inspect-terminals-title">
            <div class="inspect-terminals-head">
              <h2 id="inspect-terminals-title">{text('inspect.terminals')}</h2>
              {shown.length > 0 && (
                <div class="ws-tabs inspect-tabs" role="tablist" aria-label={text('inspect.terminals')}>
                  {shown.map((n) => (
                    <button
                      key={n}
                      type="button"
                      role="tab"
                      class={`ws-tab ws-tab-term ${n === current ? 'is-active' : ''} ${terminals.includes(n) ? '' : 'is-closed'}`}
                      aria-selected={n === current}
                      onClick={() => {
                        setNode(n);
                      }}
                      data-testid={`inspect-tab-${n}`}
                    >
                      {n}
                    </button>
                  ))}
                </div>
              )}
            </div>
            {shown.length === 0 && (
              <p class="muted inspect-no-terminal" data-testid="inspect-no-terminal">
                {text('inspect.noTerminal', vars)}
              </p>
            )}
            {shown.map((n) => (
              <div key={n} class="inspect-term-slot" hidden={n !== current}>
                <WatchTerminal api={api} learner={learner.id} lab={lab.id} node={n} available={terminals.includes(n)} />
              </div>
            ))}
          </section>
        </div>
      )}
    </section>
  );
}
