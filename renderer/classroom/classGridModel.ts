// Reading the class grid for the dashboard: the header's counts, one cell by its place, and how each status
// is drawn. Pure functions of the grid the server pushed.
import type { CellStatus, ClassGrid, GridCell } from '../../common/classroom.js';

export const STATUSES: readonly CellStatus[] = ['not-started', 'working', 'earned', 'solved', 'stuck'];

/** A mark per status, so a cell reads without its colour too (the legend and each cell's label say the word). */
export const STATUS_MARK: Record<CellStatus, string> = {
  'not-started': '–',
  working: '✎',
  earned: '✓',
  solved: '◑',
  stuck: '!',
};

export interface CellRef {
  learner: string;
  lab: string;
  index: number;
}

export interface ClassCounts {
  learners: number;
  /** Steps earned across the class, out of `steps` (learners × every step of every lab). */
  earned: number;
  steps: number;
  stuck: number;
  working: number;
}

export function classCounts(grid: ClassGrid): ClassCounts {
  const perLearner = grid.labs.reduce((n, l) => n + l.steps.length, 0);
  const counts: ClassCounts = { learners: grid.learners.length, earned: 0, steps: perLearner * grid.learners.length, stuck: 0, working: 0 };
  for (const row of grid.learners)
    for (const lab of row.labs)
      for (const cell of lab.cells) {
        if (cell.status === 'earned') counts.earned++;
        else if (cell.status === 'stuck') counts.stuck++;
        else if (cell.status === 'working') counts.working++;
      }
  return counts;
}

/** A learner's cells in one lab, step by step; a step the server sent nothing for is not started. */
export function labCells(grid: ClassGrid, learner: string, lab: string): GridCell[] {
  const labInfo = grid.labs.find((l) => l.id === lab);
  const cells = grid.learners.find((r) => r.learner.id === learner)?.labs.find((l) => l.lab === lab)?.cells ?? [];
  return (labInfo?.steps ?? []).map((s, index) => cells.find((c) => c.index === index) ?? { step: s.id, index, status: 'not-started', attempts: 0, failsSincePass: 0, lastChecks: [] });
}

export function cellAt(grid: ClassGrid, ref: CellRef): GridCell | undefined {
  return labCells(grid, ref.learner, ref.lab)[ref.index];
}

export const sameCell = (a: CellRef | null, b: CellRef): boolean => a !== null && a.learner === b.learner && a.lab === b.lab && a.index === b.index;
