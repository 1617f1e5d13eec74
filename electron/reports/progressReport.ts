// A learner's progress as a report an instructor can collect: every lab pack with each step's state.
import { userInfo } from 'node:os';
import type { ProgressReport } from '../../common/contract.js';
import { packDirs } from '../labs/catalog.js';
import { loadPack } from '../labs/loadPack.js';
import { jsonProgressBook, type ProgressBook } from '../progress/progressBook.js';

/** $HALAB_LEARNER, else the OS user name. */
export function learnerName(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.HALAB_LEARNER?.trim();
  if (fromEnv) return fromEnv.slice(0, 100);
  try {
    return userInfo().username;
  } catch {
    return 'learner';
  }
}

/** Whose report: this machine's learner by default, or one learner of a class (their book and name). */
export interface ReportSubject {
  book: ProgressBook;
  learner?: string;
}

export async function buildProgressReport(now = new Date(), subject: ReportSubject = { book: jsonProgressBook }): Promise<ProgressReport> {
  const { progress } = await subject.book.load();
  const labs: ProgressReport['labs'] = [];
  for (const dir of await packDirs()) {
    const pack = await loadPack(dir).catch(() => undefined);
    if (!pack) continue; // a broken pack has no steps to report
    const m = pack.manifest;
    const steps = progress.labs[m.id]?.steps ?? {};
    labs.push({
      id: m.id,
      title: m.title,
      steps: m.steps.map((s) => {
        const p = steps[s.id];
        return {
          id: s.id,
          title: s.title,
          attempts: p?.attempts ?? 0,
          ...(p?.earnedAt ? { earnedAt: p.earnedAt } : {}),
          // Done with the reference solution: reported as such, never as earned.
          ...(!p?.earnedAt && p?.solvedAt ? { solvedAt: p.solvedAt } : {}),
          ...(p?.lastCheckedAt ? { lastCheckedAt: p.lastCheckedAt } : {}),
        };
      }),
    });
  }
  return { learner: subject.learner ?? learnerName(), generatedAt: now.toISOString(), labs };
}

/** A file name safe on every OS: learner and date only. */
export function reportFilename(report: ProgressReport, ext: 'json' | 'html'): string {
  const who =
    report.learner
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'learner';
  return `halab-progress-${who}-${report.generatedAt.slice(0, 10)}.${ext}`;
}
