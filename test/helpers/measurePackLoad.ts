// Child process for the hostile-pack figures of `npm run bench` (hostilePackBench.ts): loads (or imports) one pack alone in a fresh process and
// prints what it cost, so no other test's allocations blur the figures. Usage: measurePackLoad.ts load|lint|import PATH [DEST]
import { loadPack } from '../../electron/labs/loadPack.js';
import { lintPack } from '../../electron/labs/lintPack.js';
import { importPack } from '../../electron/labs/packZip.js';
import { writePack } from './minimalPack.js';
import { removeTempDirs } from './tempDirs.js';

const [mode = 'load', target = '', dest = ''] = process.argv.slice(2);
// Warm up: modules, zod's schema and the YAML parser are loaded and run once before the baseline.
await loadPack(await writePack());
const baselineRss = process.memoryUsage().rss;
const started = performance.now();
const cpuBefore = process.cpuUsage();
let outcome: { ok: boolean; error?: string; errorType?: string };
try {
  if (mode === 'lint') {
    const findings = await lintPack(target);
    const errors = findings.filter((f) => f.level === 'error');
    outcome = errors.length ? { ok: false, error: errors.map((f) => `${f.file}:${f.line}: ${f.message}`).join('\n'), errorType: 'LintFinding' } : { ok: true };
  } else if (mode === 'import') {
    await importPack(target, dest);
    outcome = { ok: true };
  } else {
    await loadPack(target);
    outcome = { ok: true };
  }
} catch (err) {
  outcome = { ok: false, error: err instanceof Error ? err.message : String(err), errorType: err instanceof Error ? err.constructor.name : typeof err };
}
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const cpuMs = (cpu.user + cpu.system) / 1000;
// maxRSS is the peak of the whole process: its growth over the baseline bounds what this one call needed.
const peakGrowthMb = (process.resourceUsage().maxRSS * 1024 - baselineRss) / 1024 / 1024;
process.stdout.write(`${JSON.stringify({ ...outcome, ms, cpuMs, peakGrowthMb })}\n`);
removeTempDirs();
process.exit(0);
