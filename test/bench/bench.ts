// `npm run bench`: figures of the lab runtime (and, last, of the UI), each with its spread over the runs
// and, where one exists, as a ratio against a baseline measured in the same run. All traffic stays inside
// the benchmark's own lab networks (probes run in the client node); every loop is bounded in count and time.
// Options: --json (one JSON object on stdout), --runs N (default 5), --build (time an offline image build),
// --skip-ui (leave out the UI figures), --skip-steps (leave out the warm check of every lab's every step, which
// takes minutes), --classroom [--learners N] (only a class of N simulated learners, default 10).
import { cpus, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findPack } from '../../electron/labs/catalog.js';
import type { LabPack } from '../../electron/labs/loadPack.js';
import { down, downAll, up } from '../../electron/topology/manager.js';
import { applySolution } from '../../electron/checks/actions.js';
import { ensureImage } from '../../electron/image/buildImage.js';
import { ensureDocker } from '../../electron/docker/client.js';
import { upFigures } from './upBench.js';
import { checkFigures } from './checkBench.js';
import { stepCheckFigures } from './stepCheckBench.js';
import { memoryFigures } from './memoryBench.js';
import { failoverV2Figures, failoverV3Figures } from './failoverBench.js';
import { imageFigures } from './imageBench.js';
import { uiFigures } from './uiBench.js';
import { hostilePackFigures } from './hostilePackBench.js';
import { classroomFigures } from './classroomBench.js';
import { packDevFigures } from './packDevBench.js';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    runs: { type: 'string', default: '5' },
    build: { type: 'boolean', default: false },
    'skip-ui': { type: 'boolean', default: false },
    classroom: { type: 'boolean', default: false },
    learners: { type: 'string', default: '10' },
    'skip-steps': { type: 'boolean', default: false },
  },
});
const RUNS = Math.max(1, Math.min(20, Number(args.runs) || 5));
/** `up` is the slowest figure to repeat; its spread over 3 runs is enough to see noise. */
const UP_RUNS = Math.min(RUNS, 3);
const log = (s: string): void => void process.stderr.write(`[bench] ${s}\n`);
// A private home: cleaning up can only ever touch what this run created.
const HOME = mkdtempSync(join(tmpdir(), 'halab-bench-'));
process.env.HALAB_HOME = HOME;
/** Instance names unique to this run, so a concurrent benchmark never collides with ours. */
const TAG = `b${process.pid}`;

function print(result: Record<string, unknown>): void {
  if (args.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  for (const [k, v] of Object.entries(result)) {
    process.stdout.write(`${k.padEnd(34)} ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}\n`);
  }
}

/** Runs one section; a failure is recorded under `<name>_error` and the remaining sections still run. */
async function section(result: Record<string, unknown>, name: string, run: () => Promise<Record<string, unknown>>): Promise<void> {
  try {
    Object.assign(result, await run());
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log(`${name} failed: ${err instanceof Error ? (err.stack ?? message) : message}`);
    result[`${name}_error`] = message;
    process.exitCode = 1;
  }
}

/** One running lab 1 with steps 1-2 solved: check timing, memory at rest, then the VRRPv2 failovers. */
async function onSolvedLab(lab1: LabPack): Promise<Record<string, unknown>> {
  const inst = `${TAG}-lab`;
  try {
    const lab = await up(lab1, { instance: inst });
    for (const step of lab.pack.manifest.steps.slice(0, 2)) await applySolution(lab, step);
    return { ...(await checkFigures(lab)), ...(await memoryFigures(lab, log)), ...(await failoverV2Figures(lab, RUNS, log)) };
  } finally {
    await down(inst);
  }
}

async function main(): Promise<void> {
  await ensureDocker();
  const image = await ensureImage(log);
  const lab1 = await findPack('vrrp-pair');
  const result: Record<string, unknown> = { cores: cpus().length, runs: RUNS };
  if (args.classroom) {
    // A class is its own run: it fills the machine, and the other figures want a quiet one.
    await section(result, 'classroom', () => classroomFigures(Math.max(1, Math.min(60, Number(args.learners) || 10)), log));
    print(result);
    return;
  }
  await section(result, 'up', () => upFigures(lab1, image, UP_RUNS, TAG, log));
  await section(result, 'lab', () => onSolvedLab(lab1));
  await section(result, 'failover_v3', () => failoverV3Figures(lab1, RUNS, TAG, log));
  if (!args['skip-steps']) await section(result, 'check_steps', () => stepCheckFigures(RUNS, TAG, log));
  await section(result, 'image', () => imageFigures(image, args.build, log));
  await section(result, 'hostile_packs', () => hostilePackFigures(RUNS, log));
  if (!args['skip-ui']) await section(result, 'ui', () => uiFigures(log));
  if (!args['skip-ui']) await section(result, 'pack_dev', () => packDevFigures(log));
  print(result);
}

// Interrupted: remove what this run created before leaving.
process.once('SIGINT', () => {
  void downAll()
    .catch(() => undefined)
    .finally(() => {
      rmSync(HOME, { recursive: true, force: true });
      process.exit(130);
    });
});

main()
  .catch((err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  })
  // Anything a failed section left behind in this run's home, then the home itself.
  .finally(async () => {
    await downAll().catch(() => undefined);
    rmSync(HOME, { recursive: true, force: true });
  });
