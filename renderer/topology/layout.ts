// Where each box goes in the diagram: clients on top, then the VIPs, the load balancers, the web servers,
// each band under its label. A band holds at most a few boxes side by side and wraps onto further rows
// (a pack may have 16 nodes), so no two boxes ever overlap, whatever the topology. Pure, so it is easy to
// test and the SVG component stays about drawing.
import type { NodeInfo, TopologyState } from '../../common/contract.js';

export const VIEW_W = 700;
export const NODE_W = 160;
export const NODE_H = 62;
/** Load balancers are wider: a VRRP line reads "VI_1 MASTER · 优先级 150". */
export const LB_W = 180;
export const LB_H = 92;
export const VIP_R = 30;

/** Nodes of one role side by side: four boxes of NODE_W (three of LB_W) with MIN_GAP between them fit in VIEW_W. */
export const MAX_NODES_PER_ROW = { client: 4, lb: 3, web: 4 } as const;
/** VIPs side by side: each needs room for its circle and the "who holds it" text on its right. */
export const MAX_VIPS_PER_ROW = 2;
/** Between two boxes of a row, and between the rows of a band (room for the VIP tag on a box's top edge). */
const MIN_GAP = 16;
const ROW_GAP = 26;
/** A band's label sits above its boxes, clear of the VIP tag that overhangs a box's top edge by 9. */
const LABEL_BASELINE = 12;
const LABEL_H = 28;
/** Space under each band: the lines from the VIPs to the load balancers and on to the web servers need room. */
const GAP_AFTER = { client: 10, vip: 50, lb: 36, web: 0 } as const;
const TOP = 20;
const BOTTOM = 24;

export type Band = 'client' | 'vip' | 'lb' | 'web';

export interface PlacedNode {
  node: NodeInfo;
  x: number; // centre
  y: number; // top
  w: number;
  h: number;
  /** Centre-to-centre distance to the next box of its row: how far its texts may reach. */
  pitch: number;
}

export interface PlacedVip {
  vip: string;
  holders: string[];
  x: number;
  y: number; // centre
  /** How wide the "who holds it" text right of the circle may be before it reaches the next VIP or the edge. */
  holderX: number;
  holderMaxWidth: number;
}

export interface PlacedLabel {
  band: Band;
  y: number; // baseline
}

export interface Layout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  vips: PlacedVip[];
  labels: PlacedLabel[];
}

/** Splits `count` items into rows of at most `max`, as even as possible (13 -> 4, 3, 3, 3). */
export function rowSizes(count: number, max: number): number[] {
  if (count <= 0) return [];
  const rows = Math.ceil(count / max);
  const base = Math.floor(count / rows);
  const extra = count % rows;
  return Array.from({ length: rows }, (_, i) => base + (i < extra ? 1 : 0));
}

/** Centres of a row of `count` items at least `minPitch` apart, spread over the view and centred in it. */
function rowCentres(count: number, minPitch: number): { xs: number[]; pitch: number } {
  const pitch = Math.max(VIEW_W / (count + 1), minPitch);
  return { xs: Array.from({ length: count }, (_, i) => Math.round(VIEW_W / 2 + (i - (count - 1) / 2) * pitch)), pitch };
}

/** Monospace text is at most 0.62 em per character in the fonts of --mono (ui-monospace, Menlo, Consolas...). */
const MONO_EM = 0.62;
/** The VIP's address is drawn in the circle in 11.5 px monospace (topology.css .topo-vip-addr). */
const VIP_ADDR_PX = 11.5;

export function layoutTopology(nodes: NodeInfo[], vips: TopologyState['vips'] | string[]): Layout {
  const placed: PlacedNode[] = [];
  const placedVips: PlacedVip[] = [];
  const labels: PlacedLabel[] = [];
  const vipList = vips.map((v) => (typeof v === 'string' ? { vip: v, holders: [] } : v));
  let y = TOP;
  let bottom = TOP;
  for (const band of ['client', 'vip', 'lb', 'web'] as const) {
    const count = band === 'vip' ? vipList.length : nodes.filter((n) => n.role === band).length;
    if (count === 0) continue;
    labels.push({ band, y: y + LABEL_BASELINE });
    let top = y + LABEL_H;
    let index = 0;
    const rowHeight = band === 'vip' ? 2 * VIP_R : band === 'lb' ? LB_H : NODE_H;
    const boxWidth = band === 'lb' ? LB_W : NODE_W;
    for (const size of rowSizes(count, band === 'vip' ? MAX_VIPS_PER_ROW : MAX_NODES_PER_ROW[band])) {
      if (band === 'vip') {
        const { xs, pitch } = rowCentres(size, 4 * VIP_R);
        for (const x of xs) {
          const v = vipList[index++];
          if (!v) break;
          // The address may be wider than the circle (a remapped subnet such as 192.168.100.0/24).
          const holderX = x + Math.max(VIP_R, (v.vip.length * MONO_EM * VIP_ADDR_PX) / 2) + 8;
          const reach = Math.min(x + pitch - VIP_R - 12, VIEW_W - 8);
          placedVips.push({ vip: v.vip, holders: v.holders, x, y: top + VIP_R, holderX, holderMaxWidth: Math.max(0, reach - holderX) });
        }
      } else {
        const { xs, pitch } = rowCentres(size, boxWidth + MIN_GAP);
        const row = nodes.filter((n) => n.role === band).slice(index, index + size);
        index += size;
        row.forEach((node, i) => {
          placed.push({ node, x: xs[i] ?? VIEW_W / 2, y: top, w: boxWidth, h: rowHeight, pitch });
        });
      }
      bottom = top + rowHeight;
      top = bottom + ROW_GAP;
    }
    y = bottom + GAP_AFTER[band];
  }
  return { width: VIEW_W, height: bottom + BOTTOM, nodes: placed, vips: placedVips, labels };
}

/** VIPs with more than one holder: the signature of split-brain. */
export function splitBrainVips(vips: TopologyState['vips']): TopologyState['vips'] {
  return vips.filter((v) => v.holders.length > 1);
}
