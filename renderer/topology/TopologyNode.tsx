// One node of the diagram: its box with name, address and (when not running) its state, and for a running
// load balancer its VRRP instances with state and priority; a tag on the top edge when it holds VIPs. Every
// text is fitted to the box (FitText), so no label runs into another, in either language.
import type { NodeInfo, TopologyState } from '../../common/contract.js';
import { useI18n } from '../i18n/context.js';
import { FitText } from './FitText.js';
import type { PlacedNode } from './layout.js';

export interface TopologyNodeProps {
  placed: PlacedNode;
  vrrp: TopologyState['vrrp'];
  holds: string[];
  split: boolean;
  selected: boolean;
  onSelect: (node: string) => void;
}

/** Left and right padding of the texts in a box. */
const PAD_L = 14;
const PAD_R = 10;
/** Apart enough that the two VRRP lines' font boxes (CJK fallback fonts are tall) do not touch. */
const VRRP_LINE = 18;
/** The VIP tag is estimated from its text (10.5 px bold): SVG cannot measure before layout. */
const TAG_CHAR_W = 6.4;

const stateClass = (state: NodeInfo['state']): string => (state === 'running' ? 'is-up' : 'is-down');

export function TopologyNode({ placed: p, vrrp, holds, split, selected, onSelect }: TopologyNodeProps) {
  const { t, nodeState } = useI18n();
  const n = p.node;
  const inner = p.w - PAD_L - PAD_R;
  const running = n.state === 'running';
  const select = (): void => {
    onSelect(n.name);
  };
  const tagText = `VIP ${holds.join(' ')}`;
  const tagW = Math.min(tagText.length * TAG_CHAR_W + 20, p.w - 8);
  return (
    <g
      class={`topo-node role-${n.role} ${stateClass(n.state)} ${holds.length ? 'holds-vip' : ''} ${split ? 'is-split' : ''} ${selected ? 'is-selected' : ''}`}
      transform={`translate(${p.x - p.w / 2} ${p.y})`}
      data-testid={`topo-node-${n.name}`}
      data-holds-vip={String(holds.length > 0)}
      data-state={n.state}
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      aria-label={t('topo.nodeLabel', { name: n.name, ip: n.ip, state: nodeState(n.state) })}
      onClick={select}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          select();
        }
      }}
    >
      <rect class="topo-box" width={p.w} height={p.h} rx="10" />
      <circle class="topo-state-dot" cx="14" cy="17" r="4.5" />
      <FitText x="26" y="21" class="topo-name" text={n.name} maxWidth={p.w - 26 - PAD_R} />
      <FitText x={PAD_L} y="40" class="topo-ip" text={n.ip} maxWidth={inner} />
      {/* Its own line under the address: beside the name it ran into it ("web01not created"). */}
      {!running && <FitText x={PAD_L} y="57" class="topo-state" data-testid={`topo-state-${n.name}`} text={nodeState(n.state)} maxWidth={inner} />}
      {n.role === 'lb' &&
        running &&
        vrrp.slice(0, 2).map((r, i) => (
          <FitText
            key={r.instance}
            x={PAD_L}
            y={60 + i * VRRP_LINE}
            class={`topo-vrrp vrrp-${r.state.toLowerCase()}`}
            data-testid={`topo-vrrp-${n.name}-${r.instance}`}
            // The instance name is the part a long name gives up; its state and priority always show.
            text={r.instance}
            keep={` ${r.state} · ${t('topo.prio')} ${r.priority}`}
            maxWidth={inner}
          />
        ))}
      {n.role === 'lb' && running && vrrp.length === 0 && <FitText x={PAD_L} y="60" class="topo-vrrp vrrp-none" text={t('topo.noVrrp')} maxWidth={inner} />}
      {holds.length > 0 && (
        <g class="topo-vip-tag" transform={`translate(${p.w - 8} 0)`}>
          <rect x={-tagW} y="-9" width={tagW} height="18" rx="9" />
          <FitText x="-10" y="4" class="topo-vip-tag-text" text={tagText} maxWidth={tagW - 20} />
        </g>
      )}
    </g>
  );
}
