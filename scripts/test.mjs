// `npm test`: type check, lint, unit and integration tests (real Docker), then the both-ways self-test of
// every lab pack. Ends with one line "N passed, N failed" and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs';
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

gate('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
gate('lint', 'npx', ['eslint', '.']);

const report = join(mkdtempSync(join(tmpdir(), 'halab-vitest-')), 'report.json');
run('unit + integration tests (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`]);
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numTotalTestSuites > 0 && r.success === false && r.numFailedTests === 0 ? 1 : 0);
} else {
  failed += 1;
}

// Every built-in pack, proven both ways on real containers. A private HALAB_HOME keeps it apart from a learner's labs.
const env = { ...process.env, HALAB_HOME: mkdtempSync(join(tmpdir(), 'halab-testpack-')) };
for (const dir of readdirSync(join(root, 'labs'), { withFileTypes: true })) {
  if (!dir.isDirectory() || !existsSync(join(root, 'labs', dir.name, 'lab.yaml'))) continue;
  const ok = run(`test-pack ${dir.name}`, process.execPath, ['dist/electron/cli/halab.js', 'test-pack', join('labs', dir.name)], { env });
  if (ok) passed += 1;
  else failed += 1;
}

process.stdout.write(`\n${results.join('\n')}\n\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
