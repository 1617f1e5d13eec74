// The diagram's layout and text fitting without a browser: no two boxes overlap or leave the view for any
// topology a pack may have (up to 16 nodes, any mix of roles, several VIPs), rows are split evenly, and a
// text too wide for its room is cut with an ellipsis while its kept tail stays whole. The label boxes as
// Chromium draws them are checked in test/e2e/topologyLabels.test.ts.
import { describe, expect, it } from 'vitest';
import type { NodeInfo } from '../../../common/contract.js';
import { fitText } from '../../../renderer/topology/FitText.js';
import { layoutTopology, rowSizes, VIEW_W, VIP_R } from '../../../renderer/topology/layout.js';

const ROLES: NodeInfo['role'][] = ['client', 'lb', 'web'];

function nodes(counts: Record<NodeInfo['role'], number>): NodeInfo[] {
  return ROLES.flatMap((role) => Array.from({ length: counts[role] }, (_, i) => ({ name: `${role}${String(i + 1)}`, role, ip: `10.0.0.${String(i + 10)}`, state: 'missing' })));
}

describe('topology layout', () => {
  it('splits a band into even rows', () => {
    expect(rowSizes(3, 4)).toEqual([3]);
    expect(rowSizes(5, 4)).toEqual([3, 2]);
    expect(rowSizes(13, 4)).toEqual([4, 3, 3, 3]);
    expect(rowSizes(0, 4)).toEqual([]);
  });

  it('never overlaps two boxes or leaves the view, for every mix of up to 16 nodes and 0-6 VIPs', () => {
    let layouts = 0;
    for (let clients = 0; clients <= 4; clients++)
      for (let lbs = 0; lbs <= 8; lbs++)
        for (let webs = 0; webs + lbs + clients <= 16; webs++)
          for (const vipCount of [0, 1, 2, 6]) {
            if (clients + lbs + webs === 0) continue;
            const vips = Array.from({ length: vipCount }, (_, i) => `192.168.100.${String(200 + i)}`);
            const l = layoutTopology(nodes({ client: clients, lb: lbs, web: webs }), vips);
            const boxes = [
              ...l.nodes.map((p) => ({ left: p.x - p.w / 2, right: p.x + p.w / 2, top: p.y, bottom: p.y + p.h })),
              ...l.vips.map((v) => ({ left: v.x - VIP_R, right: v.holderX + v.holderMaxWidth, top: v.y - VIP_R, bottom: v.y + VIP_R })),
            ];
            for (const b of boxes) {
              expect(b.left).toBeGreaterThanOrEqual(0);
              expect(b.right).toBeLessThanOrEqual(VIEW_W);
              expect(b.bottom).toBeLessThanOrEqual(l.height);
            }
            for (let i = 0; i < boxes.length; i++)
              for (let j = i + 1; j < boxes.length; j++) {
                const a = boxes[i];
                const b = boxes[j];
                if (!a || !b) continue;
                const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
                expect(apart, `${String(clients)} clients, ${String(lbs)} lbs, ${String(webs)} webs, ${String(vipCount)} VIPs: boxes ${String(i)} and ${String(j)}`).toBe(true);
              }
            for (const v of l.vips) expect(v.holderMaxWidth).toBeGreaterThan(100); // room for "nobody holds it"
            layouts++;
          }
    expect(layouts).toBeGreaterThan(300);
    // About 400 layouts and 100 000 comparisons: a second on a quiet core, several with both cores busy.
  }, 60_000);
});

describe('fitText', () => {
  const width = (s: string): number => Array.from(s).length * 10; // 10 units a character

  it('keeps a text that fits', () => {
    expect(fitText('web01', '', 100, width)).toBe('web01');
  });

  it('cuts a text too wide with an ellipsis, keeping the tail whole', () => {
    expect(fitText('a-very-long-node-name', '', 100, width)).toBe('a-very-l…');
    expect(fitText('VI_WEB_FRONTEND', ' MASTER', 150, width)).toBe('VI_WEB… MASTER');
    expect(fitText('VI_WEB_FRONTEND', ' MASTER', 10, width)).toBe('… MASTER');
  });
});
