// What test/e2e/topologyLabels.test.ts checks and shows: label boxes compared pairwise, and a 16-node pack.
import type { Lang, NodeInfo, TopologyState } from '../../common/contract.js';

/** A lab's plan: its nodes and VIPs. */
export interface Topology {
  id: string;
  vips: string[];
  nodes: Omit<NodeInfo, 'state'>[];
}

/** One picture for the test page (test/unit/ui/pages/topologyPage.ts): a topology in some state, language and width. */
export interface DiagramCase {
  name: string;
  lang: Lang;
  width: number;
  nodes: NodeInfo[];
  vips: TopologyState['vips'];
  vrrp: TopologyState['vrrp'];
}

/** A text's box in the page (getBoundingClientRect), with its text. */
export interface LabelBox {
  text: string | null;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Less than this (CSS px) either way is rounding, not an overlap. */
const EPSILON = 0.01;

/** Every pair of label boxes that overlap, worded for the report. Empty texts (nothing drawn) are skipped. */
export function overlaps(boxes: LabelBox[]): string[] {
  const drawn = boxes.filter((b) => (b.text ?? '').trim() !== '' && b.right > b.left && b.bottom > b.top);
  const found: string[] = [];
  for (let i = 0; i < drawn.length; i++) {
    for (let j = i + 1; j < drawn.length; j++) {
      const a = drawn[i];
      const b = drawn[j];
      if (!a || !b) continue;
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > EPSILON && h > EPSILON) found.push(`"${a.text ?? ''}" overlaps "${b.text ?? ''}" by ${w.toFixed(1)}x${h.toFixed(1)} px`);
    }
  }
  return found;
}

/** A valid pack with 16 nodes (electron/labs/budgets.ts MAX_NODES): 2 clients, 4 load balancers, 10 web servers. */
export function bigPackManifest(id: string): string {
  const roles = ['client', 'client', 'lb', 'lb', 'lb', 'lb', ...Array.from({ length: 10 }, () => 'web')];
  const count = new Map<string, number>();
  const nodes = roles.map((role, i) => {
    const n = (count.get(role) ?? 0) + 1;
    count.set(role, n);
    return `    - name: ${role}${String(n).padStart(2, '0')}\n      role: ${role}\n      ip: 10.0.0.${String(10 + i)}\n`;
  });
  return `format: 1
id: ${id}
title: { en: Sixteen nodes, zh-CN: 十六个节点 }
summary: { en: The most nodes a pack may have, zh-CN: 一个实验包最多的节点数 }
topology:
  subnet: 10.0.0.0/24
  vips: [10.0.0.3, 10.0.0.4]
  nodes:
${nodes.join('')}steps:
  - id: one
    title: { en: One, zh-CN: 一 }
    body: { en: steps/en.md, zh-CN: steps/zh.md }
    checks:
      - id: runs
        kind: command
        node: lb01
        run: 'true'
        title: { en: Runs, zh-CN: 运行 }
        hint: { en: Start it, zh-CN: 启动 }
    solution:
      run:
        - node: lb01
          run: 'true'
`;
}
