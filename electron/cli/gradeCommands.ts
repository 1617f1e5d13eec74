// halab check | solve | fault | mail | report: working on a running lab and reading the learner's progress.
import { writeFile } from 'node:fs/promises';
import { applySolutions } from '../checks/actions.js';
import { currentStepIndex, gradeStep, type GradedStep } from '../core/grading.js';
import { injectFault } from '../core/faults.js';
import { runningLab } from '../core/labAccess.js';
import { listMail } from '../core/mail.js';
import { progressReportFile } from '../core/progressReport.js';
import { faultKind, serviceName } from '../labs/schema.js';
import { markSolvedThrough } from '../progress/progressStore.js';
import { bold, dim, formatStep } from './format.js';
import { UsageError, type Cli } from './context.js';

export async function cmdCheck(cli: Cli, instance: string): Promise<number> {
  const lab = await runningLab(instance);
  const steps = lab.pack.manifest.steps;
  const chosen = cli.stepIndex(steps.length);
  const indexes = cli.opts.all ? steps.map((_, i) => i) : [chosen ?? (await currentStepIndex(lab.pack.manifest))];
  const results: GradedStep[] = [];
  for (const i of indexes) results.push(await gradeStep(lab, i));
  cli.emit(results, () => {
    for (const r of results) cli.out(formatStep(r, cli));
  });
  return results.every((r) => r.passed) ? 0 : 1;
}

export async function cmdSolve(cli: Cli, instance: string): Promise<number> {
  const lab = await runningLab(instance);
  const steps = lab.pack.manifest.steps;
  const last = cli.stepIndex(steps.length) ?? steps.length - 1;
  await applySolutions(lab, last + 1, {
    onStep: (i, step) => {
      cli.progress(cli.t('cli.solve.step', { step: i + 1, title: step.title[cli.lang] }));
    },
  });
  // The lab now stands right after step `last`: that is where a plain `halab check` must grade next.
  await markSolvedThrough(
    lab.record.lab,
    steps.slice(0, last + 1).map((s) => s.id),
    steps.slice(last + 1).map((s) => s.id),
  );
  cli.emit({ instance, appliedThroughStep: last + 1 }, () => {
    cli.out(cli.t('cli.solve.done', { step: last + 1 }));
  });
  return 0;
}

export async function cmdFault(cli: Cli, instance: string, fault: string, node: string): Promise<number> {
  const kind = faultKind.safeParse(fault);
  if (!kind.success) throw new UsageError(`unknown fault "${fault}" (one of: ${faultKind.options.join(', ')})`);
  const service = cli.opts.service === undefined ? undefined : serviceName.safeParse(cli.opts.service);
  if (service && !service.success) throw new UsageError(`--service must be one of: ${serviceName.options.join(', ')}`);
  await injectFault(instance, kind.data, node, service?.data);
  cli.emit({ instance, fault: kind.data, node, ...(service ? { service: service.data } : {}) }, () => {
    cli.out(cli.t('cli.fault.done', { fault: kind.data, node }));
  });
  return 0;
}

export async function cmdMail(cli: Cli, instance: string): Promise<number> {
  const mail = await listMail(instance);
  cli.emit(mail, () => {
    if (!mail.length) cli.out(cli.t('cli.mail.none'));
    for (const m of mail) cli.out(`${bold(`${m.node} ${m.user}`)} ${dim(m.date)}\n  ${m.subject}\n${m.body.replace(/^/gm, '    ')}\n`);
  });
  return 0;
}

export async function cmdReport(cli: Cli): Promise<number> {
  const format = cli.opts.format ?? 'html';
  if (format !== 'json' && format !== 'html') throw new UsageError('--format must be json or html');
  const file = await progressReportFile(format, cli.lang);
  const to = cli.opts.out ?? file.filename;
  // `--out -` writes the report itself to stdout, for a pipe.
  if (to === '-') {
    process.stdout.write(file.content);
    return 0;
  }
  await writeFile(to, file.content);
  cli.emit({ file: to }, () => {
    cli.out(to);
  });
  return 0;
}
