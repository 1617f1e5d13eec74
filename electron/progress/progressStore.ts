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
// Every map of the store is made without a prototype: lab and step ids are keys, and an id such as
// "constructor" or "__proto__" must name an own entry, never a member of Object.prototype.
const dictionary = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;
const empty = (): Progress => ({ format: 1, labs: dictionary() });
const newLab = (): { steps: Record<string, StepProgress> } => ({ steps: dictionary() });

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One step's record with only the fields the store knows, of the types it writes. */
function stepOf(raw: unknown): StepProgress {
  const r = isObject(raw) ? raw : {};
  const step: StepProgress = { attempts: typeof r.attempts === 'number' && Number.isFinite(r.attempts) ? r.attempts : 0 };
  if (typeof r.earnedAt === 'string') step.earnedAt = r.earnedAt;
  if (typeof r.solvedAt === 'string') step.solvedAt = r.solvedAt;
  if (typeof r.lastCheckedAt === 'string') step.lastCheckedAt = r.lastCheckedAt;
  if (typeof r.lastPassed === 'boolean') step.lastPassed = r.lastPassed;
  return step;
}

function parse(text: string): Progress {
  const data = JSON.parse(text) as unknown;
  if (!isObject(data) || data.format !== 1 || !isObject(data.labs)) throw new Error('not a progress file');
  // Copied key by key into prototype-free maps: JSON.parse keeps "__proto__" as an own key, which a plain
  // object would later read through to Object.prototype.
  const progress = empty();
  for (const [lab, raw] of Object.entries(data.labs)) {
    const labProgress = newLab();
    const steps = isObject(raw) && isObject(raw.steps) ? raw.steps : {};
    for (const [id, step] of Object.entries(steps)) labProgress.steps[id] = stepOf(step);
    progress.labs[lab] = labProgress;
  }
  return progress;
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
  const labProgress = (progress.labs[lab] ??= newLab());
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

/**
 * The solutions of `solvedIds` were just applied: they are solved, and the steps after them lose a solved mark an
 * earlier run left (an earned step stays earned), so the learner's current step is the one right after them.
 */
export function markSolvedThroughIn(progress: Progress, lab: string, solvedIds: readonly string[], laterIds: readonly string[], now = new Date()): void {
  markSolvedIn(progress, lab, solvedIds, now);
  const steps = progress.labs[lab]?.steps;
  for (const id of laterIds) {
    const step = steps?.[id];
    if (step) delete step.solvedAt;
  }
}

export async function markSolvedThrough(lab: string, solvedIds: readonly string[], laterIds: readonly string[]): Promise<void> {
  const { progress } = await loadProgress();
  markSolvedThroughIn(progress, lab, solvedIds, laterIds);
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
  const labProgress = (progress.labs[lab] ??= newLab());
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
