// A learner's progress: which steps were earned, when, and the last results. Saved atomically with a
// backup of the previous good copy; an earned step never goes back to unearned. A step whose reference
// solution was applied for the learner (start from a later step) is "solved": shown, never counted as
// earned, and earned later only by passing its Check.
import { readFile, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { halabHome } from '../util/paths.js';
import { writeFileAtomic } from '../util/atomicWrite.js';

export interface StepProgress {
  earnedAt?: string;
  /** Set when the reference solution was applied for the learner; meaningless once earnedAt is set. */
  solvedAt?: string;
  attempts: number;
  lastCheckedAt?: string;
  lastPassed?: boolean;
}

export interface Progress {
  format: 1;
  labs: Record<string, { steps: Record<string, StepProgress> }>;
}

const file = (): string => join(halabHome(), 'progress.json');
const backup = (): string => join(halabHome(), 'progress.json.bak');
const empty = (): Progress => ({ format: 1, labs: {} });

function parse(text: string): Progress {
  const data = JSON.parse(text) as Progress;
  if (data.format !== 1 || typeof data.labs !== 'object' || data.labs === null) throw new Error('not a progress file');
  return data;
}

/** Loads progress; a corrupt file is replaced by the last good copy, and the caller is told. */
export async function loadProgress(): Promise<{ progress: Progress; recovered?: string }> {
  let text: string;
  try {
    text = await readFile(file(), 'utf8');
  } catch {
    return { progress: empty() };
  }
  try {
    return { progress: parse(text) };
  } catch {
    try {
      const progress = parse(await readFile(backup(), 'utf8'));
      await writeFileAtomic(file(), JSON.stringify(progress, null, 2));
      return { progress, recovered: 'progress.json was damaged: restored the last good copy.' };
    } catch {
      return { progress: empty(), recovered: 'progress.json was damaged and no good copy exists: starting afresh.' };
    }
  }
}

export async function saveProgress(progress: Progress): Promise<void> {
  await copyFile(file(), backup()).catch(() => undefined);
  await writeFileAtomic(file(), JSON.stringify(progress, null, 2));
}

export type StepStatus = 'earned' | 'solved' | 'todo';

/** Earned wins over solved: an earned step is never shown as solved. */
export function stepStatus(p: StepProgress | undefined): StepStatus {
  if (p?.earnedAt) return 'earned';
  return p?.solvedAt ? 'solved' : 'todo';
}

/** Marks steps as done with the solution, in place; earned steps are left as they are. */
export function markSolvedIn(progress: Progress, lab: string, stepIds: readonly string[], now = new Date()): void {
  const labProgress = (progress.labs[lab] ??= { steps: {} });
  for (const id of stepIds) {
    const step = (labProgress.steps[id] ??= { attempts: 0 });
    if (!step.earnedAt) step.solvedAt = now.toISOString();
  }
}

export async function markSolved(lab: string, stepIds: readonly string[]): Promise<void> {
  if (stepIds.length === 0) return;
  const { progress } = await loadProgress();
  markSolvedIn(progress, lab, stepIds);
  await saveProgress(progress);
}

/** What the store keeps of one Check of a step (a StepResult of checks/ has these and more). */
export interface StepOutcome {
  step: string;
  passed: boolean;
}

/** Records a step's check results. Returns true when the step was earned just now. */
export async function recordStep(lab: string, result: StepOutcome): Promise<boolean> {
  const { progress } = await loadProgress();
  const labProgress = (progress.labs[lab] ??= { steps: {} });
  const step = (labProgress.steps[result.step] ??= { attempts: 0 });
  const now = new Date().toISOString();
  step.attempts += 1;
  step.lastCheckedAt = now;
  step.lastPassed = result.passed;
  const newlyEarned = result.passed && !step.earnedAt;
  if (newlyEarned) step.earnedAt = now;
  await saveProgress(progress);
  return newlyEarned;
}
