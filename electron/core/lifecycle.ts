// Starting, stopping and resetting a lab: one behaviour for the CLI and the app. Starting a lab that already
// runs hands back the running lab (a second click or a second `halab up` is not an error); starting it at a
// later step needs a fresh lab, so that one refuses a running lab and points at the reset.
import { cp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { applyCheckpoint } from '../checks/checkpoint.js';
import { learnerFilesDir } from '../files/learnerCopy.js';
import { findPack } from '../labs/catalog.js';
import { loadPack, type LabPack } from '../labs/loadPack.js';
import { down, labView, up, type RunningLab, type SweepReport } from '../topology/manager.js';
import { loadInstance } from '../topology/instances.js';
import { protocolHub } from '../topology/liveProtocol.js';
import { topologyHub } from '../topology/liveTopology.js';
import { halabHome } from '../util/paths.js';
import { UserError } from '../util/errors.js';
import { requireStep } from './grading.js';
import { withLabLock } from './labAccess.js';
import type { ProgressBook } from '../progress/progressBook.js';

export interface StartOptions {
  /** The instance name; the lab's id by default (the app always uses the id). */
  instance?: string;
  /**
   * 0-based step to start a fresh lab at (0 included): the earlier steps' reference solutions are applied and
   * marked solved, and the later steps lose a solved mark an earlier start left. Absent: a plain start.
   */
  fromIndex?: number;
  onProgress?: (line: string) => void;
  /** A reference solution is being applied (index of `total`). */
  onCheckpointStep?: (index: number, total: number) => void;
  /** Where the steps done with their solution are recorded: this machine's learner by default. */
  progress?: ProgressBook;
}

export interface Started {
  lab: RunningLab;
  /** True when the lab was already running and was handed back as it is. */
  alreadyRunning: boolean;
}

async function runningInstance(instance: string): Promise<RunningLab | undefined> {
  const rec = await loadInstance(instance);
  if (rec?.state !== 'up') return undefined;
  return labView(rec, await loadPack(rec.packDir));
}

// The unlocked steps; the exported operations hold the lab's lock around them (one operation per lab at a time).
async function startUnlocked(pack: LabPack, instance: string, opts: StartOptions): Promise<Started> {
  const fromIndex = opts.fromIndex ?? 0;
  const running = await runningInstance(instance);
  if (running && running.record.lab !== pack.manifest.id) {
    throw new UserError(`The instance "${instance}" already runs the lab "${running.record.lab}".`, { fix: `Use another --instance name, or halab down ${instance} first.`, code: 'E_RUNNING' });
  }
  if (running && fromIndex === 0) return { lab: running, alreadyRunning: true };
  if (running) {
    throw new UserError(`The lab "${instance}" is running: starting at step ${fromIndex + 1} needs a fresh lab.`, {
      fix: `Reset it at that step (the app's "Start from this step"), or halab down ${instance} first.`,
      code: 'E_RUNNING',
    });
  }
  const lab = await up(pack, { instance, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
  if (opts.fromIndex !== undefined) await applyCheckpoint(lab, fromIndex, opts.onCheckpointStep, opts.progress);
  topologyHub.labStarted(instance);
  protocolHub.labStarted(instance);
  return { lab, alreadyRunning: false };
}

async function stopUnlocked(instance: string): Promise<SweepReport> {
  // The live view hears it first, so that it does not take the removal for a crash.
  await topologyHub.labStopped(instance);
  protocolHub.labStopped(instance);
  return down(instance);
}

/** Starts a lab (a built-in id or a pack folder), or hands back the running one. */
export async function startLab(idOrDir: string, opts: StartOptions = {}): Promise<Started> {
  const pack = await findPack(idOrDir);
  if (opts.fromIndex) requireStep(pack.manifest, opts.fromIndex);
  const instance = opts.instance ?? pack.manifest.id;
  return withLabLock(instance, () => startUnlocked(pack, instance, opts));
}

/** Stops a lab and removes everything it created. */
export function stopLab(instance: string): Promise<SweepReport> {
  return withLabLock(instance, () => stopUnlocked(instance));
}

export const backupsDir = (lab: string): string => join(halabHome(), 'backups', lab);

/** Copies the learner's edited files (kept under $HALAB_HOME/files/<lab>/) aside; null when there is nothing to keep. */
export async function backupLearnerFiles(lab: string, now = new Date()): Promise<string | null> {
  const from = learnerFilesDir(lab);
  const entries = await readdir(from).catch(() => []);
  if (entries.length === 0) return null;
  const to = join(backupsDir(lab), now.toISOString().replace(/[:.]/g, '-'));
  await cp(from, to, { recursive: true, errorOnExist: true, force: false });
  return to;
}

/** A fresh lab, at the first step or a later one; the learner's files are backed up first. */
export async function resetLab(lab: string, opts: StartOptions & { onStopped?: () => void } = {}): Promise<{ backup: string | null; lab: RunningLab }> {
  const pack = await findPack(lab); // an unknown lab or step fails before anything is touched
  if (opts.fromIndex) requireStep(pack.manifest, opts.fromIndex);
  const instance = opts.instance ?? lab;
  return withLabLock(instance, async () => {
    const backup = await backupLearnerFiles(instance);
    await stopUnlocked(instance);
    opts.onStopped?.();
    return { backup, lab: (await startUnlocked(pack, instance, opts)).lab };
  });
}
