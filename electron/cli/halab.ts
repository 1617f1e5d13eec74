#!/usr/bin/env node
// halab: the command line of HA Lab. Readable output for people, --json for machines,
// exit 0 on success, 1 when checks or a self-test fail, 2 on a usage error, 3 on any other problem.
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { findPack, remapPack, userPacksDir } from '../labs/catalog.js';
import { lintPack } from '../labs/lintPack.js';
import { scaffoldPack } from '../labs/scaffoldPack.js';
import { exportPack, importPack } from '../labs/packZip.js';
import { basename, resolve } from 'node:path';
import { loadPack } from '../labs/loadPack.js';
import { down, downAll, labView, nodeStatuses, requireRunning, sweepOrphans } from '../topology/manager.js';
import { listInstances, loadInstance } from '../topology/instances.js';
import { nodeContainerName } from '../topology/names.js';
import { runStep, type StepResult } from '../checks/runChecks.js';
import { applySolutions } from '../checks/actions.js';
import { upFromStep } from '../checks/checkpoint.js';
import { testPack } from '../selftest/testPack.js';
import { buildImage, imageExists } from '../image/buildImage.js';
import { imageTag } from '../image/imageTag.js';
import { ensureDocker } from '../docker/client.js';
import { loadProgress, markSolved, recordStep, stepStatus } from '../progress/progressStore.js';
import { doctor } from './doctor.js';
import { parsePort, serveCommand } from './serveCommand.js';
import { bold, dim, formatStep, green, red, table } from './format.js';
import { defaultLang } from '../system/defaultLang.js';
import { labList } from '../core/labList.js';
import { PackError, UserError, errorMessage } from '../util/errors.js';

const USAGE = `Usage: halab <command> [options]

  labs                         list the lab packs and your progress
  up <lab> [--instance NAME] [--from-step N]
                               start a lab's network and nodes (builds the image on first use);
                               --from-step N applies the solutions of steps 1..N-1 (marked solved)
  status                       running labs and their nodes
  shell <lab> <node>           open a shell in a node
  steps <lab> [--step N]       show the instructions of the current step (or step N)
  check <lab> [--step N|--all] grade the current step (or step N, or every step)
  solve <lab> [--step N]       apply the reference solution up to step N (default: all)
  test-pack <lab-or-dir>       self-test a pack: every check must fail before and pass after its solution
  pack new <dir> [--id ID]     scaffold a new pack that passes lint and the self-test
  pack lint <dir>              schema, files, both languages, checks and solutions of a pack
  pack export <dir> <zip>      share a pack as a zip
  pack import <zip>            add a pack from a zip (to $HALAB_HOME/packs)
  down <lab> | --all           remove a lab (or every lab) with everything it created
  image build [--offline] [--if-missing]  build the lab node image
  doctor                       check Docker, the image and kernel features
  serve [--port N] [--no-open] the app in your browser, on 127.0.0.1 (--port 0 picks a free port)

Options: --json (machine-readable output), --lang en|zh-CN, -h/--help`;

class UsageError extends Error {}

const { values: opts, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        all: { type: 'boolean', default: false },
        step: { type: 'string' },
        'from-step': { type: 'string' },
        instance: { type: 'string' },
        id: { type: 'string' },
        offline: { type: 'boolean' },
        'if-missing': { type: 'boolean', default: false },
        lang: { type: 'string' },
        port: { type: 'string' },
        'no-open': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    process.stderr.write(`${errorMessage(err)}\n\n${USAGE}\n`);
    process.exit(2);
  }
})();

const lang = opts.lang === 'zh-CN' || opts.lang === 'en' ? opts.lang : defaultLang();
const out = (text: string): void => void process.stdout.write(`${text}\n`);
const progress = (line: string): void => void process.stderr.write(`${dim(line)}\n`);
const emit = (data: unknown, human: () => void): void => {
  if (opts.json) out(JSON.stringify(data, null, 2));
  else human();
};

function need(arg: string | undefined, what: string): string {
  if (!arg) throw new UsageError(`missing ${what}`);
  return arg;
}

function stepIndex(count: number): number | undefined {
  if (opts.step === undefined) return undefined;
  const n = Number(opts.step);
  if (!Number.isInteger(n) || n < 1 || n > count) throw new UsageError(`--step must be a number from 1 to ${count}`);
  return n - 1;
}

async function runningLab(instance: string): Promise<ReturnType<typeof labView>> {
  await ensureDocker();
  const rec = await requireRunning(instance);
  return labView(rec, await loadPack(rec.packDir));
}

async function cmdLabs(): Promise<number> {
  const { labs, recovered } = await labList();
  if (recovered) progress(recovered);
  // `solved` steps were done with the reference solution: shown, never counted in the percentage.
  const rows = labs.map((l) => ({ id: l.id, title: l.title[lang], steps: l.steps, earned: l.earned, solved: l.solved, dir: l.dir, ...(l.error ? { error: l.error } : {}) }));
  emit(rows, () => {
    out(table([['LAB', 'PROGRESS', 'TITLE'], ...rows.map((r) => [r.id, r.error ? 'invalid' : `${Math.round((100 * r.earned) / r.steps)}% (${r.earned}/${r.steps}${r.solved ? `, ${r.solved} solved` : ''})`, r.error ?? r.title])]));
  });
  return rows.some((r) => r.error) ? 1 : 0;
}

async function cmdUp(idOrDir: string): Promise<number> {
  const pack = await findPack(idOrDir);
  const count = pack.manifest.steps.length;
  let fromIndex = 0;
  if (opts['from-step'] !== undefined) {
    const n = Number(opts['from-step']);
    if (!Number.isInteger(n) || n < 1 || n > count) throw new UsageError(`--from-step must be a number from 1 to ${count} (${pack.manifest.id} has ${count} steps)`);
    fromIndex = n - 1;
  }
  const instance = opts.instance ?? pack.manifest.id;
  // Ctrl-C or a kill during `up` removes what was created so far; a SIGKILL is caught by the next start's sweep.
  const onSignal = (): void => {
    progress('[up] interrupted: removing what was created');
    void down(instance).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const started = Date.now();
  const lab = await upFromStep(pack, {
    instance,
    fromIndex,
    onProgress: progress,
    onStep: (i, total) => { progress(`[up] step ${i + 1} of ${total}: applying the reference solution`); },
  });
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  const seconds = (Date.now() - started) / 1000;
  emit({ instance, lab: lab.record.lab, subnet: lab.record.subnet, nodes: lab.nodes.map((n) => ({ name: n.name, ip: n.ip, role: n.role })), fromStep: fromIndex + 1, solvedSteps: fromIndex, seconds }, () => {
    out(`${green('up')} ${bold(instance)} in ${seconds.toFixed(1)} s on ${lab.record.subnet}`);
    if (fromIndex > 0) out(`Steps 1-${fromIndex} are done with the reference solution (marked solved, not earned): start at step ${fromIndex + 1}.`);
    out(table([['NODE', 'ADDRESS', 'ROLE'], ...lab.nodes.map((n) => [n.name, n.ip, n.role])]));
    out(`\nOpen a node: halab shell ${instance} ${lab.nodes[0]?.name ?? 'NODE'}    Grade your work: halab check ${instance}`);
  });
  return 0;
}

async function cmdStatus(): Promise<number> {
  await ensureDocker();
  const swept = await sweepOrphans();
  const labs = await Promise.all(
    (await listInstances()).map(async (rec) => {
      const view = labView(rec, await loadPack(rec.packDir));
      return { instance: rec.instance, lab: rec.lab, subnet: rec.subnet, state: rec.state, nodes: await nodeStatuses(view) };
    }),
  );
  emit({ labs, removedOrphans: swept }, () => {
    if (swept.containers.length || swept.networks.length) progress(`removed leftovers of an interrupted run: ${[...swept.containers, ...swept.networks].join(', ')}`);
    if (!labs.length) out('No lab is running. Start one: halab up <lab> (see halab labs)');
    for (const l of labs) {
      out(`${bold(l.instance)} (${l.lab}) ${l.subnet} ${l.state}`);
      out(table(l.nodes.map((n) => [`  ${n.node}`, n.ip, n.state === 'running' ? green(n.state) : red(n.state), dim(n.container)])));
    }
  });
  return 0;
}

async function cmdCheck(instance: string): Promise<number> {
  const lab = await runningLab(instance);
  const steps = lab.pack.manifest.steps;
  const chosen = stepIndex(steps.length);
  let indexes: number[];
  if (opts.all) indexes = steps.map((_, i) => i);
  else if (chosen !== undefined) indexes = [chosen];
  else {
    // The current step: the first one not earned yet.
    const earned = (await loadProgress()).progress.labs[lab.record.lab]?.steps ?? {};
    const first = steps.findIndex((s) => stepStatus(earned[s.id]) === 'todo');
    indexes = [first === -1 ? steps.length - 1 : first];
  }
  const results: StepResult[] = [];
  for (const i of indexes) {
    const result = await runStep(lab, i);
    results.push(result);
    await recordStep(lab.record.lab, result);
  }
  emit(results, () => {
    for (const r of results) out(formatStep(r, lang));
  });
  return results.every((r) => r.passed) ? 0 : 1;
}

async function cmdSolve(instance: string): Promise<number> {
  const lab = await runningLab(instance);
  const steps = lab.pack.manifest.steps;
  const last = stepIndex(steps.length) ?? steps.length - 1;
  await applySolutions(lab, last + 1, { onStep: (i, step) => { progress(`[solve] step ${i + 1}: ${step.title[lang]}`); } });
  await markSolved(lab.record.lab, steps.slice(0, last + 1).map((s) => s.id));
  emit({ instance, appliedThroughStep: last + 1 }, () => { out(`Applied the reference solution through step ${last + 1}.`); });
  return 0;
}

async function cmdTestPack(idOrDir: string): Promise<number> {
  const pack = await findPack(idOrDir);
  const report = await testPack(pack, { onProgress: progress, ...(opts.instance ? { instance: opts.instance } : {}) });
  emit(report, () => {
    for (const d of report.defects) out(`${red('DEFECT')} ${d.step}/${d.check} [${d.phase}] ${d.message}`);
    for (const g of report.gaps) out(dim(`gap ${g.step}/${g.check}: ${(g.gapMs / 1000).toFixed(2)} s`));
    out(`${report.passed ? green('PASS') : red('FAIL')} ${report.lab}: ${report.checksProven}/${report.checksTotal} checks proven both ways in ${report.seconds} s`);
  });
  return report.passed ? 0 : 1;
}

async function cmdDown(instance: string | undefined): Promise<number> {
  if (!instance && !opts.all) throw new UsageError('name a lab, or use --all');
  const report = instance ? await down(instance) : await downAll();
  emit(report, () => { out(`Removed ${report.containers.length} containers and ${report.networks.length} networks.`); });
  return 0;
}

async function cmdShell(instance: string, node: string): Promise<number> {
  const lab = await runningLab(instance);
  if (!lab.nodes.some((n) => n.name === node)) throw new UserError(`The lab has no node "${node}".`, { fix: `Nodes: ${lab.nodes.map((n) => n.name).join(', ')}` });
  const res = spawnSync('docker', ['exec', '-it', nodeContainerName(instance, node), 'bash', '-l'], { stdio: 'inherit' });
  if (res.error) throw new UserError(`Could not run the docker command: ${res.error.message}`, { fix: 'Install the Docker CLI, or use the app\'s terminals.' });
  return res.status ?? 1;
}

async function cmdSteps(idOrInstance: string): Promise<number> {
  const rec = await loadInstance(idOrInstance);
  const pack = rec ? remapPack(await loadPack(rec.packDir), rec.subnet) : await findPack(idOrInstance);
  const m = pack.manifest;
  const earned = (await loadProgress()).progress.labs[m.id]?.steps ?? {};
  const current = m.steps.findIndex((s) => stepStatus(earned[s.id]) === 'todo');
  const index = stepIndex(m.steps.length) ?? (current === -1 ? m.steps.length - 1 : current);
  const step = m.steps[index];
  if (!step) throw new UsageError('no such step');
  const body = await pack.readText(step.body[lang]);
  const intro = index === 0 && m.intro ? await pack.readText(m.intro[lang]) : '';
  const status = stepStatus(earned[step.id]);
  const statusText = { earned: lang === 'zh-CN' ? '已完成' : 'earned', solved: lang === 'zh-CN' ? '已用参考答案完成' : 'done with the solution', todo: '' }[status];
  emit({ lab: m.id, step: index + 1, of: m.steps.length, id: step.id, title: step.title[lang], status, intro, body }, () => {
    if (intro) out(`${intro}\n`);
    out(bold(`${m.title[lang]}: ${lang === 'zh-CN' ? '第' : 'step '}${index + 1}${lang === 'zh-CN' ? '步' : ''}/${m.steps.length} ${step.title[lang]}`) + (statusText ? dim(` [${statusText}]`) : ''));
    out(body);
    out(dim(lang === 'zh-CN' ? `完成后运行：halab check ${rec?.instance ?? m.id}` : `When done: halab check ${rec?.instance ?? m.id}`));
  });
  return 0;
}

async function cmdPack(sub: string | undefined, a: string | undefined, b: string | undefined): Promise<number> {
  switch (sub) {
    case 'new': {
      const dir = need(a, 'a folder for the new pack');
      const id = opts.id ?? basename(resolve(dir));
      await scaffoldPack(dir, id);
      emit({ dir, id }, () => { out(`Created ${dir} (${id}). Next: halab pack lint ${dir} && halab test-pack ${dir}`); });
      return 0;
    }
    case 'lint': {
      const findings = await lintPack(need(a, 'a pack folder'));
      emit(findings, () => {
        for (const f of findings) out(`${f.file}:${f.line}: ${f.level === 'error' ? red('error') : 'warning'}: ${f.message}`);
        out(findings.some((f) => f.level === 'error') ? red('lint failed') : green(`lint passed${findings.length ? ` with ${findings.length} warning(s)` : ''}`));
      });
      return findings.some((f) => f.level === 'error') ? 1 : 0;
    }
    case 'export': {
      const res = await exportPack(need(a, 'a pack folder'), need(b, 'a zip file name'));
      emit(res, () => { out(`Wrote ${b ?? ''}: ${res.id}, ${res.files} files`); });
      return 0;
    }
    case 'import': {
      const pack = await importPack(need(a, 'a zip file'), userPacksDir());
      emit({ id: pack.manifest.id, dir: pack.dir }, () => { out(`Imported ${pack.manifest.id} into ${pack.dir}. Self-test it: halab test-pack ${pack.manifest.id}`); });
      return 0;
    }
    default:
      throw new UsageError('usage: halab pack new|lint|export|import ...');
  }
}

async function cmdDoctor(): Promise<number> {
  const items = await doctor();
  emit(items, () => {
    for (const i of items) {
      out(`${i.ok ? green('✓') : i.required ? red('✗') : red('!')} ${i.name}: ${i.detail}`);
      if (i.fix && !i.ok) out(`    ${i.fix}`);
    }
  });
  return items.some((i) => i.required && !i.ok) ? 1 : 0;
}

async function cmdImage(sub: string | undefined): Promise<number> {
  if (sub !== 'build') throw new UsageError('usage: halab image build [--offline]');
  await ensureDocker();
  if (opts['if-missing']) {
    const current = await imageTag();
    if (await imageExists(current)) {
      emit({ tag: current, built: false }, () => { out(`${current} (already built)`); });
      return 0;
    }
  }
  const tag = await buildImage({ onProgress: progress, ...(opts.offline !== undefined ? { offline: opts.offline } : {}) });
  emit({ tag }, () => { out(tag); });
  return 0;
}

async function main(): Promise<number> {
  const [cmd, a, b] = positionals;
  if (opts.help || !cmd) {
    out(USAGE);
    return cmd || opts.help ? 0 : 2;
  }
  switch (cmd) {
    case 'labs':
      return cmdLabs();
    case 'up':
      return cmdUp(need(a, 'a lab name or pack folder'));
    case 'status':
      return cmdStatus();
    case 'check':
      return cmdCheck(need(a, 'a running lab'));
    case 'solve':
      return cmdSolve(need(a, 'a running lab'));
    case 'test-pack':
      return cmdTestPack(need(a, 'a lab name or pack folder'));
    case 'down':
      return cmdDown(a);
    case 'shell':
      return cmdShell(need(a, 'a running lab'), need(b, 'a node name'));
    case 'doctor':
      return cmdDoctor();
    case 'steps':
      return cmdSteps(need(a, 'a lab'));
    case 'pack':
      return cmdPack(a, b, positionals[3]);
    case 'image':
      return cmdImage(a);
    case 'serve':
      return serveCommand({ port: parsePort(opts.port), open: !opts['no-open'] });
    default:
      throw new UsageError(`unknown command "${cmd}"`);
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`halab: ${err.message}\n\n${USAGE}\n`);
      process.exitCode = 2;
    } else if (err instanceof UserError) {
      if (opts.json) out(JSON.stringify({ error: err.message, code: err.code, fix: err.fix, problems: err instanceof PackError ? err.problems : undefined }));
      process.stderr.write(`${red('halab:')} ${err.message}\n${err.fix ? `  ${err.fix}\n` : ''}`);
      process.exitCode = 3;
    } else {
      process.stderr.write(`${red('halab: unexpected error:')} ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 3;
    }
  },
);
