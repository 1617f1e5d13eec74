// `npm run bench -- --classroom`: a class on this machine. Simulated learners (WebSocket clients on
// 127.0.0.1, through the classroom server as their pages would be) each sign in, start the first VRRP lab,
// work its steps (the reference solution, as they would type it, then Check) and stop it, all at once,
// while the instructor's dashboard watches. Prints how many succeeded, up and Check times at that count,
// memory per running learner lab, how fast a Check reaches the instructor's grid, and the capacity the
// server computes for this machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClassGrid } from '../../common/classroom.js';
import type { StepResultView } from '../../common/contract.js';
import { applySolution } from '../../electron/checks/actions.js';
import { startClassroom } from '../../electron/classroom/classroomServer.js';
import { readLabCgroups } from '../../electron/classroom/capacity.js';
import { runningLab } from '../../electron/core/labAccess.js';
import { down } from '../../electron/topology/manager.js';
import { connectApi, type ApiClient } from '../helpers/hostClient.js';
import { learnerTokens } from '../helpers/classLinks.js';
import { percentile, round, spreadOf } from './stats.js';

const LAB = 'vrrp-pair';
const MB = 1024 * 1024;
const IDLE_WINDOW_MS = 5000;
const COST_CHECKS = 20;

/**
 * What one Check costs, alone on the machine: the server's CPU (this process) and the lab nodes' CPU
 * (their cgroups), over COST_CHECKS Checks of a settled step one after the other.
 */
async function checkCost(client: ApiClient | undefined, learnerId: string, step: number): Promise<Record<string, number>> {
  if (!client || !learnerId) return {};
  const lab = await runningLab(`${learnerId}-${LAB}`);
  const nodesBefore = await readLabCgroups(lab);
  const serverBefore = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < COST_CHECKS; i++) await client.call<StepResultView>('checks.run', { lab: LAB, step });
  const wall = (performance.now() - started) / COST_CHECKS;
  const server = process.cpuUsage(serverBefore);
  const nodesAfter = await readLabCgroups(lab);
  await client.call('lab.down', { lab: LAB });
  return {
    classroom_check_alone_ms: round(wall, 0),
    classroom_check_server_cpu_ms: round((server.user + server.system) / 1000 / COST_CHECKS, 1),
    classroom_check_nodes_cpu_ms: round((nodesAfter.cpuNs - nodesBefore.cpuNs) / 1e6 / COST_CHECKS, 1),
  };
}

const attemptsOf = (g: ClassGrid, learner: string, step: number): number => g.learners.find((l) => l.learner.id === learner)?.labs.find((x) => x.lab === LAB)?.cells[step]?.attempts ?? 0;

export async function classroomFigures(learners: number, log: (line: string) => void): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'halab-class-bench-'));
  const room = await startClassroom({ dir, name: 'bench', roster: { count: learners }, labs: [LAB], port: 0, bind: '127.0.0.1', idleMs: 3_600_000, log: () => undefined });
  const clients: ApiClient[] = [];
  const up: number[] = [];
  const check: number[] = [];
  const checkRightAfter: number[] = [];
  const toGrid: number[] = [];
  const labMb: number[] = [];
  const labCoresIdle: number[] = [];
  const byLearner = new Map<string, ApiClient>();
  const failures: string[] = [];
  const tokens = [...learnerTokens(room.linksFile)];
  try {
    const teacher = await connectApi({ port: room.host.port, origin: room.host.origin, token: new URL(room.instructorUrl).searchParams.get('token') ?? '' });
    clients.push(teacher);
    await teacher.call('class.watch', { on: true });
    const steps = room.room.labs[0]?.steps.length ?? 0;
    let peak = { capacity: 0, running: 0 };
    await Promise.all(
      tokens.map(async ([id, token]) => {
        try {
          const c = await connectApi({ port: room.host.port, origin: room.host.origin, token });
          clients.push(c);
          byLearner.set(id, c);
          await c.call('session.info', {});
          const started = performance.now();
          await c.call('lab.up', { lab: LAB });
          up.push(performance.now() - started);
          const lab = await runningLab(`${id}-${LAB}`);
          for (let i = 0; i < steps; i++) {
            const step = lab.pack.manifest.steps[i];
            if (step) await applySolution(lab, step);
            // Checked at once, a step whose solution causes a failover waits for the takeover (3 x advert_int
            // + skew): that time is the protocol's. The learner's usual Check comes once the change showed.
            const first = performance.now();
            await c.call<StepResultView>('checks.run', { lab: LAB, step: i });
            checkRightAfter.push(performance.now() - first);
            const from = teacher.mark();
            const sent = performance.now();
            const result = await c.call<StepResultView>('checks.run', { lab: LAB, step: i });
            const answered = performance.now();
            check.push(answered - sent);
            if (!result.passed) failures.push(`${id} step ${i + 1}`);
            const seen = await teacher.waitFor('class.update', (g) => attemptsOf(g, id, i) >= 2, 10_000, from);
            // The grid can hear of the Check before the learner's page does: that counts as no wait.
            toGrid.push(Math.max(0, seen.at - answered));
          }
          const before = await readLabCgroups(lab);
          labMb.push(before.bytes / MB);
          // The lab left alone for a while, as while its learner reads the next step: its own CPU only.
          const restFrom = performance.now();
          await new Promise((r) => setTimeout(r, IDLE_WINDOW_MS));
          const rested = await readLabCgroups(lab);
          labCoresIdle.push((rested.cpuNs - before.cpuNs) / 1e6 / (performance.now() - restFrom));
          const now = await room.load.capacity();
          if (now.running >= peak.running) peak = now;
          // The first learner's lab stays for the cost of one Check, measured alone below.
          if (id !== tokens[0]?.[0]) await c.call('lab.down', { lab: LAB });
        } catch (err) {
          failures.push(`${id}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }),
    );
    const first = tokens[0]?.[0] ?? '';
    const perCheck = await checkCost(byLearner.get(first), first, steps - 1);
    const succeeded = learners - new Set(failures.map((f) => f.split(/[ :]/)[0])).size;
    log(`classroom: ${succeeded}/${learners} learners worked every step; ${failures.length ? `failures: ${failures.join('; ')}` : 'no failure'}`);
    return {
      classroom_learners: succeeded,
      classroom_learners_tried: learners,
      ...(failures.length ? { classroom_failures: failures } : {}),
      classroom_up_ms_p95: round(percentile(up, 0.95), 0),
      classroom_up_ms: spreadOf(up, 0),
      classroom_check_ms_p95: round(percentile(check, 0.95), 0),
      classroom_check_ms: spreadOf(check, 0),
      classroom_check_right_after_solution_ms_p95: round(percentile(checkRightAfter, 0.95), 0),
      classroom_check_right_after_solution_ms: spreadOf(checkRightAfter, 0),
      classroom_lab_mb: round(percentile(labMb, 0.5), 1),
      classroom_lab_mb_spread: spreadOf(labMb),
      classroom_dashboard_update_ms: round(percentile(toGrid, 0.95), 0),
      classroom_dashboard_update_ms_spread: spreadOf(toGrid, 0),
      classroom_lab_cores_idle: round(percentile(labCoresIdle, 0.5), 3),
      classroom_lab_cores_idle_spread: spreadOf(labCoresIdle, 3),
      ...perCheck,
      classroom_capacity: peak.capacity,
      classroom_capacity_measured_with_running: peak.running,
    };
  } finally {
    for (const c of clients) c.close();
    await room.close();
    await Promise.all(tokens.map(([id]) => down(`${id}-${LAB}`).catch(() => undefined)));
    rmSync(dir, { recursive: true, force: true });
  }
}
