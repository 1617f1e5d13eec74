// Class grids for the dashboard's tests: a small class with every status, and a full one (30 learners x
// 12 steps) for the layout in Chromium.
import type { CellStatus, ClassGrid, GridCell } from '../../../common/classroom.js';
import { L } from './rendererFakeApi.js';

export const CLASS_AT = '2026-03-02T09:00:00.000Z';

export function cell(index: number, status: CellStatus, over: Partial<GridCell> = {}): GridCell {
  return { step: `s${index}`, index, status, attempts: status === 'not-started' ? 0 : 1, failsSincePass: 0, lastChecks: [], ...over };
}

/** Two learners in vrrp-pair (4 steps): Ada has one of each status but stuck, Bo is stuck on step 1. */
export function smallGrid(over: Partial<ClassGrid> = {}): ClassGrid {
  return {
    at: CLASS_AT,
    labs: [
      {
        id: 'vrrp-pair',
        title: L('The first VRRP pair', '第一对 VRRP 主备'),
        steps: [
          { id: 's0', title: L('Write the configurations', '编写配置') },
          { id: 's1', title: L('Start keepalived', '启动 keepalived') },
          { id: 's2', title: L('Fail over', '故障切换') },
          { id: 's3', title: L('Come back', '恢复') },
        ],
      },
    ],
    learners: [
      {
        learner: { id: 'l01', name: 'Ada Lovelace', createdAt: CLASS_AT },
        labs: [
          {
            lab: 'vrrp-pair',
            cells: [
              cell(0, 'earned', { attempts: 2, earnedAt: '2026-03-02T08:40:00.000Z', lastCheckedAt: '2026-03-02T08:40:00.000Z', lastPassed: true }),
              cell(1, 'working', {
                attempts: 1,
                failsSincePass: 1,
                lastCheckedAt: '2026-03-02T08:55:00.000Z',
                lastPassed: false,
                lastChecks: [
                  { id: 'vip-on-lb01', passed: false, expected: L('10.0.0.3 on lb01', '10.0.0.3 在 lb01 上'), seen: L('nobody holds 10.0.0.3', '没有节点持有 10.0.0.3') },
                  { id: 'one-master', passed: true, expected: L('one MASTER', '一个 MASTER'), seen: L('lb01 is MASTER', 'lb01 是 MASTER') },
                ],
              }),
              cell(2, 'solved', { attempts: 0, solvedAt: '2026-03-02T08:58:00.000Z' }),
              cell(3, 'not-started'),
            ],
          },
        ],
      },
      {
        learner: { id: 'l02', name: '王小明', createdAt: CLASS_AT },
        labs: [{ lab: 'vrrp-pair', cells: [cell(0, 'stuck', { attempts: 7, failsSincePass: 7 }), cell(1, 'not-started'), cell(2, 'not-started'), cell(3, 'not-started')] }],
      },
    ],
    ...over,
  };
}

const NAMES = ['Ada Lovelace', '王小明', 'Grace Hopper', '李华', 'Alan Turing', '张伟', 'Barbara Liskov', '欧阳娜娜', 'Edsger Dijkstra', 'Maximilian Alexander von Hohenberg-Schwarzenstein'];
const STATUSES: CellStatus[] = ['earned', 'earned', 'working', 'solved', 'stuck', 'not-started'];

/** `learners` learners in two labs of `steps` steps in all, the statuses spread deterministically. */
export function bigGrid(learners: number, steps: number): ClassGrid {
  const first = Math.ceil(steps / 2);
  const labs = [
    { id: 'vrrp-pair', title: L('The first VRRP pair', '第一对 VRRP 主备'), count: first },
    { id: 'failure-modes', title: L('When things break: failure modes of a pair', '出故障时：主备的各种故障'), count: steps - first },
  ];
  return {
    at: CLASS_AT,
    labs: labs.map((l) => ({ id: l.id, title: l.title, steps: Array.from({ length: l.count }, (_, i) => ({ id: `s${i}`, title: L(`Step title ${i + 1}`, `第 ${i + 1} 步的标题`) })) })),
    learners: Array.from({ length: learners }, (_, n) => ({
      learner: { id: `l${String(n + 1).padStart(2, '0')}`, name: `${NAMES[n % NAMES.length] ?? 'x'}${n >= NAMES.length ? ` ${Math.floor(n / NAMES.length) + 1}` : ''}`, createdAt: CLASS_AT },
      labs: labs.map((l, k) => ({
        lab: l.id,
        cells: Array.from({ length: l.count }, (_, i) => {
          const status = STATUSES[(n + i * 2 + k) % STATUSES.length] ?? 'not-started';
          if (status === 'not-started') return cell(i, status);
          return cell(i, status, { attempts: ((n + i) % 12) + 1, lastCheckedAt: CLASS_AT, failsSincePass: status === 'stuck' ? 6 : 0 });
        }),
      })),
    })),
  };
}

/** The grid of a class on two engines, the second lost at 09:41 with the labs of l02 and l05. */
export function withEngines(grid: ClassGrid): ClassGrid {
  const lostAt = '2026-03-02T09:41:07.000Z';
  return {
    ...grid,
    engines: [
      { name: 'main', health: 'up', since: CLASS_AT, running: 14, capacity: 20, learners: grid.learners.slice(0, 14).map((r) => r.learner.id) },
      {
        name: 'rack-2',
        health: 'lost',
        since: lostAt,
        problem: 'Docker is not reachable at tcp://10.20.0.12:2376 (connect ECONNREFUSED 10.20.0.12:2376).',
        running: 0,
        capacity: 0,
        learners: ['l02', 'l05'],
      },
    ],
    lostLabs: [
      { learner: 'l02', lab: 'vrrp-pair', engine: 'rack-2', at: lostAt },
      { learner: 'l05', lab: 'failure-modes', engine: 'rack-2', at: lostAt },
    ],
  };
}
