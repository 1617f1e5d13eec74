// The workspace's topology tab: the live diagram, a split-brain alarm, faults for the selected node,
// and the timeline of VIP moves, each explained by the packets around it when the protocol feed is given.
import { useState } from 'preact/hooks';
import type { HalabApi, LabDetail } from '../../common/contract.js';
import { useI18n } from '../i18n/context.js';
import type { ProtocolStore } from '../protocol/useProtocol.js';
import { ErrorNote } from '../ui/ErrorNote.js';
import { FaultPanel } from './FaultPanel.js';
import { splitBrainVips } from './layout.js';
import { Timeline } from './Timeline.js';
import { TopologyDiagram } from './TopologyDiagram.js';
import { everyNodeStopped, type LiveTopology } from './useTopology.js';

/** `live` comes from the lab view, which also shows it in the lab's status; `protocol` from the workspace. */
export function TopologyPane(props: { api: HalabApi; detail: LabDetail; live: LiveTopology; protocol?: ProtocolStore }) {
  const { t } = useI18n();
  const { detail } = props;
  const { state, error } = props.live;
  const [selected, setSelected] = useState<string | null>(null);

  const nodes = state?.nodes ?? detail.nodes.map((n) => (detail.running ? n : { ...n, state: n.state || 'stopped' }));
  const vips = state?.vips ?? detail.vips.map((vip) => ({ vip, holders: [] }));
  const split = splitBrainVips(vips);
  const allStopped = detail.running && everyNodeStopped(state);

  return (
    <div class="topology-pane">
      {!detail.running && <p class="note note-info">{t('topo.notRunning')}</p>}
      {allStopped && (
        <p class="note note-warn" role="status" data-testid="nodes-stopped">
          {t('topo.allStopped')}
        </p>
      )}
      {error !== null && <ErrorNote error={error} />}
      {split.length > 0 && (
        <div class="split-alarm" role="alert" data-testid="split-brain">
          <strong>{t('topo.splitTitle')}</strong> {split.map((v) => t('topo.vipSplit', { vip: v.vip, holders: v.holders.join(', ') })).join(' ')}
        </div>
      )}
      <div class="topology-main">
        <div class="topology-canvas">
          <TopologyDiagram nodes={nodes} vips={vips} vrrp={state?.vrrp ?? []} selected={selected} onSelect={setSelected} />
          <p class="topology-legend muted small">
            <span class="legend-swatch legend-holder" /> {t('topo.legendHolder')}
            <span class="legend-swatch legend-split" /> {t('topo.legendSplit')}
            <span class="legend-swatch legend-down" /> {t('topo.legendDown')}
            {state && <span class="topology-updated">{t('topo.updated', { time: new Date(state.at).toLocaleTimeString() })}</span>}
          </p>
        </div>
        <div class="topology-side">
          {detail.running && <FaultPanel api={props.api} lab={detail.id} node={nodes.find((n) => n.name === selected)} />}
          <Timeline timeline={state?.timeline ?? []} protocol={props.protocol} />
        </div>
      </div>
    </div>
  );
}
