// Starting a lab at a later step: a fresh lab with the reference solutions of the earlier steps applied,
// and those steps recorded as done with the solution (never as earned).
import type { LabPack } from '../labs/loadPack.js';
import { up, type RunningLab } from '../topology/manager.js';
import { jsonProgressBook, type ProgressBook } from '../progress/progressBook.js';
import { applySolutions } from './actions.js';

export interface FromStepOptions {
  instance: string;
  /** 0-based index of the step to start from; 0 is a plain up. */
  fromIndex: number;
  onProgress?: (line: string) => void;
  onStep?: (index: number, total: number) => void;
}

export async function upFromStep(pack: LabPack, opts: FromStepOptions): Promise<RunningLab> {
  const lab = await up(pack, { instance: opts.instance, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
  await applyCheckpoint(lab, opts.fromIndex, opts.onStep);
  return lab;
}

/**
 * Applies steps 1..fromIndex's solutions to a freshly started lab and records them as solved; the later steps
 * lose a solved mark an earlier start left, so the learner stands at step fromIndex + 1 (0: the first step).
 */
export async function applyCheckpoint(lab: RunningLab, fromIndex: number, onStep?: (index: number, total: number) => void, book: ProgressBook = jsonProgressBook): Promise<void> {
  const ids = lab.pack.manifest.steps.map((s) => s.id);
  await applySolutions(lab, fromIndex, { onStep: (i) => onStep?.(i, fromIndex) });
  await book.markSolvedThrough(lab.record.lab, ids.slice(0, fromIndex), ids.slice(fromIndex));
}
