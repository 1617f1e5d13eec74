// The lab as a picture: who is up, who holds each VIP (and two holders, split-brain, in red), and each
// load balancer's VRRP state and effective priority. Nodes are selectable to apply faults to them.
import type { NodeInfo, TopologyState } from '../../common/contract.js';
import { useI18n } from '../i18n/context.js';
import { layoutTopology, ROW_Y, VIP_R, type PlacedNode } from './layout.js';

export interface TopologyDiagramProps {
  nodes: NodeInfo[];
  vips: TopologyState['vips'];
  vrrp: TopologyState['vrrp'];
  selected: string | null;
  onSelect: (node: string) => void;
}

const stateClass = (state: string): string => (state === 'running' ? 'is-up' : 'is-down');

export function TopologyDiagram(props: TopologyDiagramProps) {
  const { t, nodeState } = useI18n();
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

      {/* what each row is: the diagram reads top-down like the path of a request */}
      {(['client', 'lb', 'web'] as const)
        .filter((role) => layout.nodes.some((n) => n.node.role === role))
        .map((role) => (
          <text key={role} x="8" y={ROW_Y[role] - 8} class="topo-row-label">
            {t(`topo.row.${role}`)}
          </text>
        ))}
      {layout.vips.length > 0 && (
        <text x="8" y={ROW_Y.vip - VIP_R - 8} class="topo-row-label">
          {t('topo.row.vip')}
        </text>
      )}

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
            <text x={v.x} y={v.y - 3} class="topo-vip-kind">
              VIP
            </text>
            <text x={v.x} y={v.y + 12} class="topo-vip-addr">
              {v.vip}
            </text>
            <text x={v.x + VIP_R + 8} y={v.y + 4} class="topo-vip-holder">
              {split ? t('topo.splitShort') : v.holders[0] ? `→ ${v.holders[0]}` : t('topo.nobody')}
            </text>
          </g>
        );
      })}

      {layout.nodes.map((p) => {
        const n = p.node;
        const holds = holderOf.get(n.name) ?? [];
        const vrrp = props.vrrp.filter((r) => r.node === n.name);
        const selected = props.selected === n.name;
        const select = (): void => {
          props.onSelect(n.name);
        };
        return (
          <g
            key={n.name}
            class={`topo-node role-${n.role} ${stateClass(n.state)} ${holds.length ? 'holds-vip' : ''} ${splitNodes.has(n.name) ? 'is-split' : ''} ${selected ? 'is-selected' : ''}`}
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
            <text x="26" y="21" class="topo-name">
              {n.name}
            </text>
            <text x={p.w - 10} y="21" class="topo-state">
              {n.state === 'running' ? '' : nodeState(n.state)}
            </text>
            <text x="14" y="40" class="topo-ip">
              {n.ip}
            </text>
            {n.role === 'lb' &&
              n.state === 'running' &&
              vrrp.slice(0, 2).map((r, i) => (
                <text key={r.instance} x="14" y={60 + i * 15} class={`topo-vrrp vrrp-${r.state.toLowerCase()}`} data-testid={`topo-vrrp-${n.name}-${r.instance}`}>
                  {`${r.instance} ${r.state} · ${t('topo.prio')} ${r.priority}`}
                </text>
              ))}
            {n.role === 'lb' && n.state === 'running' && vrrp.length === 0 && (
              <text x="14" y="60" class="topo-vrrp vrrp-none">
                {t('topo.noVrrp')}
              </text>
            )}
            {holds.length > 0 && (
              // A pill on the box's top edge; its width is estimated from the text (SVG cannot measure before layout).
              <g class="topo-vip-tag" transform={`translate(${p.w - 8} 0)`}>
                <rect x={-(holds.join(' ').length * 6.4 + 36)} y="-9" width={holds.join(' ').length * 6.4 + 36} height="18" rx="9" />
                <text x="-8" y="4" class="topo-vip-tag-text">{`VIP ${holds.join(' ')}`}</text>
              </g>
            )}
          </g>
        );
      })}
    </svg>
  );
}
