// `npm test`: build, lint, the Electron security scan, unit, integration and end-to-end tests (real
// Docker, Chromium), the both-ways self-test of every lab pack, and last the fault tests that stop the Docker
// engine itself. Ends with one line "N passed, N failed" and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
let passed = 0;
let failed = 0;
const results = [];
const run = (name, cmd, args, opts = {}) => {
  process.stdout.write(`\n== ${name}\n`);
  const started = Date.now();
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  const ok = res.status === 0;
  results.push(`${ok ? 'ok  ' : 'FAIL'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
};
const gate = (name, cmd, args) => {
  if (run(name, cmd, args)) passed += 1;
  else failed += 1;
};

// The e2e tests and the pack self-tests run the built app (dist/): build it from this tree first, so they
// never test a previous build. The build type-checks as it goes.
if (!run('build (tsc + vite)', 'npm', ['run', 'build', '--silent'])) {
  process.stdout.write('\nbuild failed: nothing else can be tested against this tree\n\n0 passed, 1 failed\n');
  process.exit(1);
}
passed += 1;
// The build type-checks the engine; the UI and the shared code have their own environments (DOM, neither).
gate('typecheck: renderer (DOM, no Node)', 'npx', ['tsc', '-p', 'renderer/tsconfig.json', '--noEmit']);
gate('typecheck: common (neither Node nor DOM)', 'npx', ['tsc', '-p', 'common/tsconfig.json']);
gate('lint', 'npx', ['eslint', '.']);
gate('format (prettier --check)', 'npx', ['prettier', '--check', '.']);
gate('electron security scan (electronegativity)', process.execPath, ['scripts/electronegativity.mjs']);

/** One vitest pass over the given projects; its tests count one by one. */
const vitest = (name, projects) => {
  const dir = mkdtempSync(join(tmpdir(), 'halab-vitest-'));
  const report = join(dir, 'report.json');
  run(name, 'npx', ['vitest', 'run', ...projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile=${report}`]);
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests + (r.numTotalTestSuites > 0 && r.success === false && r.numFailedTests === 0 ? 1 : 0);
  } else {
    failed += 1;
  }
  rmSync(dir, { recursive: true, force: true });
};

vitest('unit + fuzz + integration + e2e tests (vitest)', ['unit', 'fuzz', 'integration', 'e2e']);

// Every built-in pack, proven both ways on real containers. A private HALAB_HOME keeps it apart from a learner's labs.
const testPackHome = mkdtempSync(join(tmpdir(), 'halab-testpack-'));
const env = { ...process.env, HALAB_HOME: testPackHome };
for (const dir of readdirSync(join(root, 'labs'), { withFileTypes: true })) {
  if (!dir.isDirectory() || !existsSync(join(root, 'labs', dir.name, 'lab.yaml'))) continue;
  const ok = run(`test-pack ${dir.name}`, process.execPath, ['dist/electron/cli/halab.js', 'test-pack', join('labs', dir.name)], { env });
  if (ok) passed += 1;
  else failed += 1;
}

rmSync(testPackHome, { recursive: true, force: true });

// Stops and restarts the machine's Docker engine: alone, after everything else that needs it.
vitest('fault tests: the Docker engine stops under a running lab and under a class (vitest)', ['faults']);

process.stdout.write(`\n${results.join('\n')}\n\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
