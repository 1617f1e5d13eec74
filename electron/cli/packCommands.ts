// halab test-pack | pack | image | doctor: for people who write packs and for the machine the labs run on.
import { basename, resolve } from 'node:path';
import { runtime } from '../runtime/current.js';
import { buildImage, imageExists } from '../image/buildImage.js';
import { imageTag } from '../image/imageTag.js';
import { findPack, userPacksDir } from '../labs/catalog.js';
import { lintPack } from '../labs/lintPack.js';
import { exportPack, importPack } from '../labs/packZip.js';
import { scaffoldPack } from '../labs/scaffoldPack.js';
import { testPack, type CheckResult, type ReadingPhase } from '../selftest/testPack.js';
import { doctor } from './doctor.js';
import { dim, green, red } from './format.js';
import { need, UsageError, type Cli } from './context.js';

/** One reading of `test-pack --verbose`: what the check expected and saw, and whether that was right in this phase. */
function readingLines(cli: Cli, phase: ReadingPhase, step: string, c: CheckResult): string {
  const right = c.passed === (phase === 'after-solution');
  const verdict = `${c.passed ? 'passes' : 'fails'}${right ? '' : phase === 'after-solution' ? ', must pass' : ', must fail'}`;
  const head = `${right ? green('ok') : red('DEFECT')} [${phase}] ${step}/${c.id}: ${verdict} ${dim(`(${c.ms} ms)`)}`;
  return [head, `      ${cli.t('cli.check.expected')}${c.expected[cli.lang]}`, `      ${cli.t('cli.check.seen')}${c.seen[cli.lang]}`].join('\n');
}

export async function cmdTestPack(cli: Cli, idOrDir: string): Promise<number> {
  const pack = await findPack(idOrDir);
  const readings: { phase: ReadingPhase; step: string; check: string; passed: boolean; expected: string; seen: string }[] = [];
  const onReading = (phase: ReadingPhase, step: string, c: CheckResult): void => {
    // Printed as they come (a self-test takes minutes); with --json they go with the report.
    if (cli.opts.json) readings.push({ phase, step, check: c.id, passed: c.passed, expected: c.expected[cli.lang], seen: c.seen[cli.lang] });
    else cli.out(readingLines(cli, phase, step, c));
  };
  const report = await testPack(pack, { onProgress: cli.progress, ...(cli.opts.instance ? { instance: cli.opts.instance } : {}), ...(cli.opts.verbose ? { onReading } : {}) });
  cli.emit(cli.opts.verbose ? { ...report, readings } : report, () => {
    for (const d of report.defects) cli.out(`${red('DEFECT')} ${d.step}/${d.check} [${d.phase}] ${d.message}`);
    for (const g of report.gaps) cli.out(dim(cli.t('cli.testPack.gap', g)));
    cli.out(`${report.passed ? green('PASS') : red('FAIL')} ${cli.t('cli.testPack.summary', { lab: report.lab, proven: report.checksProven, total: report.checksTotal, seconds: report.seconds })}`);
  });
  return report.passed ? 0 : 1;
}

export async function cmdPack(cli: Cli, sub: string | undefined, a: string | undefined, b: string | undefined): Promise<number> {
  switch (sub) {
    case 'new': {
      const dir = need(a, 'a folder for the new pack');
      const id = cli.opts.id ?? basename(resolve(dir));
      await scaffoldPack(dir, id);
      cli.emit({ dir, id }, () => {
        cli.out(cli.t('cli.pack.created', { dir, id }));
      });
      return 0;
    }
    case 'lint': {
      const findings = await lintPack(need(a, 'a pack folder'));
      const failed = findings.some((f) => f.level === 'error');
      cli.emit(findings, () => {
        for (const f of findings) cli.out(`${f.file}:${f.line}: ${f.level === 'error' ? red('error') : 'warning'}: ${f.message}`);
        cli.out(failed ? red(cli.t('cli.pack.lintFailed')) : green(cli.t('cli.pack.lintPassed', { warnings: findings.length })));
      });
      return failed ? 1 : 0;
    }
    case 'export': {
      const res = await exportPack(need(a, 'a pack folder'), need(b, 'a zip file name'));
      cli.emit(res, () => {
        cli.out(cli.t('cli.pack.exported', { zip: b ?? '', id: res.id, files: res.files }));
      });
      return 0;
    }
    case 'import': {
      const pack = await importPack(need(a, 'a zip file'), userPacksDir());
      cli.emit({ id: pack.manifest.id, dir: pack.dir }, () => {
        cli.out(cli.t('cli.pack.imported', { id: pack.manifest.id, dir: pack.dir }));
      });
      return 0;
    }
    default:
      throw new UsageError('usage: halab pack new|lint|export|import ...');
  }
}

export async function cmdDoctor(cli: Cli): Promise<number> {
  const items = await doctor();
  cli.emit(items, () => {
    for (const i of items) {
      cli.out(`${i.ok ? green('✓') : i.required ? red('✗') : red('!')} ${i.name}: ${i.detail}`);
      if (i.fix && !i.ok) cli.out(`    ${i.fix}`);
    }
  });
  return items.some((i) => i.required && !i.ok) ? 1 : 0;
}

export async function cmdImage(cli: Cli, sub: string | undefined): Promise<number> {
  if (sub !== 'build') throw new UsageError('usage: halab image build [--offline]');
  await runtime().version();
  if (cli.opts['if-missing']) {
    const current = await imageTag();
    if (await imageExists(current)) {
      cli.emit({ tag: current, built: false }, () => {
        cli.out(cli.t('cli.image.alreadyBuilt', { tag: current }));
      });
      return 0;
    }
  }
  const tag = await buildImage({ onProgress: cli.progress, ...(cli.opts.offline !== undefined ? { offline: cli.opts.offline } : {}) });
  cli.emit({ tag }, () => {
    cli.out(tag);
  });
  return 0;
}
