// The lab as a picture: who is up, who holds each VIP (and two holders, split-brain, in red), and each
// load balancer's VRRP state and effective priority. Nodes are selectable to apply faults to them.
import type { NodeInfo, TopologyState } from '../../common/contract.js';
import { useI18n } from '../i18n/context.js';
import { FitText } from './FitText.js';
import { layoutTopology, VIP_R, type PlacedNode } from './layout.js';
import { TopologyNode } from './TopologyNode.js';

export interface TopologyDiagramProps {
  nodes: NodeInfo[];
  vips: TopologyState['vips'];
  vrrp: TopologyState['vrrp'];
  selected: string | null;
  onSelect: (node: string) => void;
}

export function TopologyDiagram(props: TopologyDiagramProps) {
  const { t } = useI18n();
  const layout = layoutTopology(props.nodes, props.vips);
  const find = (name: string): PlacedNode | undefined => layout.nodes.find((n) => n.node.name === name);
  const holderOf = new Map<string, string[]>(); // node -> VIPs it holds
  for (const v of props.vips) for (const h of v.holders) holderOf.set(h, [...(holderOf.get(h) ?? []), v.vip]);
  const splitNodes = new Set(props.vips.filter((v) => v.holders.length > 1).flatMap((v) => v.holders));
  const clients = layout.nodes.filter((n) => n.node.role === 'client');
  const lbs = layout.nodes.filter((n) => n.node.role === 'lb');
  const webs = layout.nodes.filter((n) => n.node.role === 'web');

  return (
    <svg class="topology" viewBox={`0 0 ${layout.width} ${layout.height}`} role="group" aria-label={t('topo.diagramLabel')} data-testid="topology">
      <defs>
        <marker id="topo-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0 0L10 5L0 10z" class="topo-arrowhead" />
        </marker>
        <marker id="topo-arrow-split" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0 0L10 5L0 10z" class="topo-arrowhead-split" />
        </marker>
      </defs>

      {/* what each band is: the diagram reads top-down like the path of a request */}
      {layout.labels.map((l) => (
        <text key={l.band} x="8" y={l.y} class="topo-row-label">
          {t(`topo.row.${l.band}`)}
        </text>
      ))}

      {/* load balancers to web servers: the pool nginx forwards to */}
      {lbs.flatMap((lb) => webs.map((w) => <line key={`${lb.node.name}-${w.node.name}`} class="topo-link topo-link-pool" x1={lb.x} y1={lb.y + lb.h} x2={w.x} y2={w.y} />))}

      {/* clients talk to the VIPs, never to a node directly */}
      {clients.flatMap((c) => layout.vips.map((v) => <line key={`${c.node.name}-${v.vip}`} class="topo-link" x1={c.x} y1={c.y + c.h} x2={v.x} y2={v.y - VIP_R} />))}

      {/* each VIP: a faint line to every candidate, a strong one to whoever holds it */}
      {layout.vips.flatMap((v) =>
        lbs.map((lb) => {
          const holds = v.holders.includes(lb.node.name);
          const split = v.holders.length > 1;
          return (
            <line
              key={`${v.vip}-${lb.node.name}`}
              class={`topo-link ${holds ? (split ? 'topo-link-split' : 'topo-link-holder') : 'topo-link-candidate'}`}
              x1={v.x}
              y1={v.y + VIP_R}
              x2={lb.x}
              y2={lb.y}
              marker-end={holds ? (split ? 'url(#topo-arrow-split)' : 'url(#topo-arrow)') : undefined}
            />
          );
        }),
      )}
      {/* a VIP held by a web or client node (misconfiguration) still gets its line */}
      {layout.vips.flatMap((v) =>
        v.holders
          .map((h) => find(h))
          .filter((p): p is PlacedNode => p !== undefined && p.node.role !== 'lb')
          .map((p) => <line key={`${v.vip}-odd-${p.node.name}`} class={`topo-link ${v.holders.length > 1 ? 'topo-link-split' : 'topo-link-holder'}`} x1={v.x} y1={v.y + VIP_R} x2={p.x} y2={p.y} />),
      )}

      {layout.vips.map((v) => {
        const split = v.holders.length > 1;
        const cls = split ? 'is-split' : v.holders.length === 1 ? 'is-held' : 'is-free';
        return (
          <g key={v.vip} class={`topo-vip ${cls}`} data-testid={`topo-vip-${v.vip}`} data-holders={v.holders.join(',')} data-split-brain={String(split)}>
            <title>
              {split ? t('topo.vipSplit', { vip: v.vip, holders: v.holders.join(', ') }) : v.holders[0] ? t('topo.vipHeld', { vip: v.vip, node: v.holders[0] }) : t('topo.vipFree', { vip: v.vip })}
            </title>
            <circle cx={v.x} cy={v.y} r={VIP_R} />
            {/* "VIP" over the address, their font boxes apart (the address's monospace CJK fallback is tall) */}
            <text x={v.x} y={v.y - 5} class="topo-vip-kind">
              VIP
            </text>
            <text x={v.x} y={v.y + 12} class="topo-vip-addr">
              {v.vip}
            </text>
            <FitText x={v.holderX} y={v.y + 4} class="topo-vip-holder" text={split ? t('topo.splitShort') : v.holders[0] ? `→ ${v.holders[0]}` : t('topo.nobody')} maxWidth={v.holderMaxWidth} />
          </g>
        );
      })}

      {layout.nodes.map((p) => (
        <TopologyNode
          key={p.node.name}
          placed={p}
          vrrp={props.vrrp.filter((r) => r.node === p.node.name)}
          holds={holderOf.get(p.node.name) ?? []}
          split={splitNodes.has(p.node.name)}
          selected={props.selected === p.node.name}
          onSelect={props.onSelect}
        />
      ))}
    </svg>
  );
}
