// What the class did, for the record: the class report as data, and as a CSV for a grade book. (A learner's
// own report is the single learner's, read through their progress book: classScope.ts.)
import { stateOf, statesByStep } from './classGrid.js';
import { csvDocument } from './csv.js';
import type { ClassInfo, ClassLab, ClassReport, Learner, ReportStep, StepState } from './types.js';

export function buildClassReport(info: ClassInfo, labs: readonly ClassLab[], learners: readonly Learner[], states: readonly StepState[], now: Date): ClassReport {
  const index = statesByStep(states);
  const columns = labs.flatMap((lab) => lab.steps.map((s, i) => ({ lab: lab.id, step: s.id, index: i, title: s.title })));
  return {
    class: { name: info.name, createdAt: info.createdAt, labs: info.labs },
    generatedAt: now.toISOString(),
    steps: columns,
    learners: learners.map((learner) => {
      const steps = columns.map((c): ReportStep => {
        const p = stateOf(index, learner.id, c.lab, c.step);
        return {
          lab: c.lab,
          step: c.step,
          index: c.index,
          ...(p?.earnedAt ? { earnedAt: p.earnedAt } : {}),
          ...(!p?.earnedAt && p?.solvedAt ? { solvedAt: p.solvedAt } : {}),
          attempts: p?.attempts ?? 0,
          ...(p?.firstCheckedAt ? { firstCheckedAt: p.firstCheckedAt } : {}),
          ...(p?.lastCheckedAt ? { lastCheckedAt: p.lastCheckedAt } : {}),
        };
      });
      return {
        id: learner.id,
        name: learner.name,
        ...(learner.revokedAt ? { revokedAt: learner.revokedAt } : {}),
        earned: steps.filter((s) => s.earnedAt).length,
        solved: steps.filter((s) => s.solvedAt).length,
        attempts: steps.reduce((n, s) => n + s.attempts, 0),
        steps,
      };
    }),
  };
}

/** A step's grade-book cell: E earned, S done with the solution, else the checks run (blank when none). */
export function gradeCell(step: ReportStep): string | number {
  if (step.earnedAt) return 'E';
  if (step.solvedAt) return 'S';
  return step.attempts === 0 ? '' : step.attempts;
}

/**
 * One row per learner, one column per lab step ("lab/step"), after the totals: pasted into a grade book,
 * COUNTIF(range, "E") counts a learner's earned steps.
 */
export function classReportCsv(report: ClassReport): string {
  const header = ['id', 'name', 'earned', 'solved', 'steps', 'attempts', ...report.steps.map((s) => `${s.lab}/${s.step}`)];
  const rows = report.learners.map((l) => [l.id, l.name, l.earned, l.solved, report.steps.length, l.attempts, ...l.steps.map(gradeCell)]);
  return csvDocument([header, ...rows]);
}
