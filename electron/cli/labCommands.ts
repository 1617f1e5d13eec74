// halab labs | up | status | down | steps | shell: the lab list and a lab's life, over the core.
import { spawnSync } from 'node:child_process';
import { labList } from '../core/labList.js';
import { startLab, stopLab } from '../core/lifecycle.js';
import { currentStepIndex } from '../core/grading.js';
import { runningLab } from '../core/labAccess.js';
import { runningNode } from '../core/exec.js';
import { runtime } from '../runtime/current.js';
import { findPack, remapPack } from '../labs/catalog.js';
import { loadPack } from '../labs/loadPack.js';
import { loadProgress, stepStatus } from '../progress/progressStore.js';
import { downAll, labView, nodeStatuses, sweepOrphans } from '../topology/manager.js';
import { listInstances, loadInstance } from '../topology/instances.js';
import { UserError } from '../util/errors.js';
import { bold, dim, green, red, table } from './format.js';
import { stepNumber, UsageError, type Cli } from './context.js';

/** The mark of a pack added with `halab pack import`, after its title. */

export async function cmdLabs(cli: Cli): Promise<number> {
  const { labs, recovered } = await labList();
  if (recovered) cli.progress(recovered);
  // `solved` steps were done with the reference solution: shown, never counted in the percentage.
  const rows = labs.map((l) => ({
    id: l.id,
    title: l.title[cli.lang],
    steps: l.steps,
    earned: l.earned,
    solved: l.solved,
    dir: l.dir,
    imported: !!l.imported,
    ...(l.error ? { error: l.error } : {}),
  }));
  cli.emit(rows, () => {
    cli.out(
      table([
        [cli.t('cli.column.lab'), cli.t('cli.column.progress'), cli.t('cli.column.title')],
        ...rows.map((r) => [r.id, r.error ? cli.t('cli.labs.invalid') : cli.t('cli.labs.progress', r), (r.error ?? r.title) + (r.imported ? ` ${dim(`[${cli.t('cli.labs.imported')}]`)}` : '')]),
      ]),
    );
  });
  return rows.some((r) => r.error) ? 1 : 0;
}

export async function cmdUp(cli: Cli, idOrDir: string): Promise<number> {
  const pack = await findPack(idOrDir);
  const count = pack.manifest.steps.length;
  // Given (--from-step 1 included), the learner stands at that step afterwards, whatever an earlier start left.
  const chosen = cli.opts['from-step'] === undefined ? undefined : stepNumber(cli.opts['from-step'], '--from-step', count, ` (${pack.manifest.id} has ${count} steps)`);
  const fromIndex = chosen ?? 0;
  const instance = cli.opts.instance ?? pack.manifest.id;
  // Ctrl-C or a kill during `up` removes what was created so far; a SIGKILL is caught by the next start's sweep.
  const onSignal = (): void => {
    cli.progress(cli.t('cli.up.interrupted'));
    void stopLab(instance).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const started = Date.now();
  const { lab, alreadyRunning } = await startLab(pack.dir, {
    instance,
    ...(chosen !== undefined ? { fromIndex: chosen } : {}),
    onProgress: cli.progress,
    onCheckpointStep: (i, total) => {
      cli.progress(cli.t('cli.up.checkpointStep', { step: i + 1, total }));
    },
  });
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  const seconds = (Date.now() - started) / 1000;
  cli.emit(
    {
      instance,
      lab: lab.record.lab,
      subnet: lab.record.subnet,
      nodes: lab.nodes.map((n) => ({ name: n.name, ip: n.ip, role: n.role })),
      alreadyRunning,
      fromStep: fromIndex + 1,
      solvedSteps: fromIndex,
      seconds,
    },
    () => {
      cli.out(alreadyRunning ? cli.t('cli.up.alreadyRunning', { instance, subnet: lab.record.subnet }) : green(cli.t('cli.up.started', { instance, seconds, subnet: lab.record.subnet })));
      if (fromIndex > 0) cli.out(cli.t('cli.up.fromStep', { solved: fromIndex }));
      cli.out(table([[cli.t('cli.column.node'), cli.t('cli.column.address'), cli.t('cli.column.role')], ...lab.nodes.map((n) => [n.name, n.ip, n.role])]));
      cli.out(`\n${cli.t('cli.up.next', { instance, node: lab.nodes[0]?.name ?? 'NODE' })}`);
    },
  );
  return 0;
}

export async function cmdStatus(cli: Cli): Promise<number> {
  await runtime().version();
  const swept = await sweepOrphans();
  const labs = await Promise.all(
    (await listInstances()).map(async (rec) => {
      const view = labView(rec, await loadPack(rec.packDir));
      return { instance: rec.instance, lab: rec.lab, subnet: rec.subnet, state: rec.state, nodes: await nodeStatuses(view) };
    }),
  );
  cli.emit({ labs, removedOrphans: swept }, () => {
    if (swept.containers.length || swept.networks.length) cli.progress(cli.t('cli.status.swept', { names: [...swept.containers, ...swept.networks] }));
    if (!labs.length) cli.out(cli.t('cli.status.none'));
    for (const l of labs) {
      cli.out(`${bold(l.instance)} (${l.lab}) ${l.subnet} ${l.state}`);
      cli.out(table(l.nodes.map((n) => [`  ${n.node}`, n.ip, n.state === 'running' ? green(n.state) : red(n.state), dim(n.container)])));
    }
  });
  return 0;
}

export async function cmdDown(cli: Cli, instance: string | undefined): Promise<number> {
  if (!instance && !cli.opts.all) throw new UsageError('name a lab, or use --all');
  const report = instance ? await stopLab(instance) : await downAll();
  cli.emit(report, () => {
    cli.out(cli.t('cli.down.removed', { containers: report.containers.length, networks: report.networks.length }));
  });
  return 0;
}

export async function cmdShell(instance: string, node: string): Promise<number> {
  // The container is found by its labels (this home, lab, node), never by its name alone.
  const { id } = await runningNode(await runningLab(instance), node);
  const res = spawnSync('docker', ['exec', '-it', id, 'bash', '-l'], { stdio: 'inherit' });
  if (res.error) throw new UserError(`Could not run the docker command: ${res.error.message}`, { fix: "Install the Docker CLI, or use the app's terminals." });
  return res.status ?? 1;
}

export async function cmdSteps(cli: Cli, idOrInstance: string): Promise<number> {
  // A running instance shows its own addresses; else the lab as its pack has it.
  const rec = await loadInstance(idOrInstance);
  const pack = rec ? remapPack(await loadPack(rec.packDir), rec.subnet) : await findPack(idOrInstance);
  const m = pack.manifest;
  const index = cli.stepIndex(m.steps.length) ?? (await currentStepIndex(m));
  const step = m.steps[index];
  if (!step) throw new UsageError('no such step');
  const { lang } = cli;
  const body = await pack.readText(step.body[lang]);
  const intro = index === 0 && m.intro ? await pack.readText(m.intro[lang]) : '';
  const status = stepStatus((await loadProgress()).progress.labs[m.id]?.steps[step.id]);
  const statusText = status === 'todo' ? '' : cli.t(status === 'earned' ? 'cli.steps.earned' : 'cli.steps.solved');
  cli.emit({ lab: m.id, step: index + 1, of: m.steps.length, id: step.id, title: step.title[lang], status, intro, body }, () => {
    if (intro) cli.out(`${intro}\n`);
    cli.out(bold(cli.t('cli.steps.heading', { lab: m.title[lang], step: index + 1, of: m.steps.length, title: step.title[lang] })) + (statusText ? dim(` [${statusText}]`) : ''));
    cli.out(body);
    cli.out(dim(cli.t('cli.steps.next', { instance: rec?.instance ?? m.id })));
  });
  return 0;
}
