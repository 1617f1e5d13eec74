// Where each box goes in the diagram: clients on top, then the VIPs, the load balancers, the web servers.
// Pure, so it is easy to test and the SVG component stays about drawing.
import type { NodeInfo, TopologyState } from '../../common/contract.js';

export const VIEW_W = 700;
export const NODE_W = 150;
export const NODE_H = 62;
export const LB_H = 92;
export const VIP_R = 30;

export const ROW_Y = { client: 48, vip: 158, lb: 268, web: 418 } as const;

export interface PlacedNode {
  node: NodeInfo;
  x: number; // centre
  y: number; // top
  w: number;
  h: number;
}

export interface PlacedVip {
  vip: string;
  holders: string[];
  x: number;
  y: number; // centre
}

export interface Layout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  vips: PlacedVip[];
}

function spread(count: number, width: number): number[] {
  // Evenly spaced centres, kept within the view even for many nodes.
  const gap = width / (count + 1);
  return Array.from({ length: count }, (_, i) => Math.round(gap * (i + 1)));
}

export function layoutTopology(nodes: NodeInfo[], vips: TopologyState['vips'] | string[]): Layout {
  const byRole = (role: NodeInfo['role']): NodeInfo[] => nodes.filter((n) => n.role === role);
  const placed: PlacedNode[] = [];
  for (const role of ['client', 'lb', 'web'] as const) {
    const row = byRole(role);
    const xs = spread(row.length, VIEW_W);
    row.forEach((node, i) => {
      placed.push({ node, x: xs[i] ?? VIEW_W / 2, y: ROW_Y[role], w: NODE_W, h: role === 'lb' ? LB_H : NODE_H });
    });
  }
  const vipList = vips.map((v) => (typeof v === 'string' ? { vip: v, holders: [] } : v));
  const vxs = spread(vipList.length, VIEW_W);
  const placedVips = vipList.map((v, i) => ({ vip: v.vip, holders: v.holders, x: vxs[i] ?? VIEW_W / 2, y: ROW_Y.vip }));
  const hasWeb = byRole('web').length > 0;
  return { width: VIEW_W, height: hasWeb ? ROW_Y.web + NODE_H + 24 : ROW_Y.lb + LB_H + 24, nodes: placed, vips: placedVips };
}

/** VIPs with more than one holder: the signature of split-brain. */
export function splitBrainVips(vips: TopologyState['vips']): TopologyState['vips'] {
  return vips.filter((v) => v.holders.length > 1);
}
