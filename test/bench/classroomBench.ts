// `npm run bench -- --classroom`: a class on this machine. Simulated learners (WebSocket clients on
// 127.0.0.1, through the classroom server as their pages would be) each sign in, start the first VRRP lab,
// work its steps (the reference solution, as they would type it, then Check) and stop it, all at once,
// while the instructor's dashboard watches. Prints how many succeeded, up and Check times at that count,
// memory per running learner lab, how fast a Check reaches the instructor's grid, and the capacity the
// server computes for this machine.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
import { percentile, round, spreadOf } from './stats.js';

const LAB = 'vrrp-pair';
const MB = 1024 * 1024;

function readTokens(linksFile: string): [string, string][] {
  const lines = readFileSync(linksFile, 'utf8')
    .replace(/^\ufeff/, '')
    .trim()
    .split(/\r\n/)
    .slice(1);
  return lines.map((l) => l.split(',')).map(([, id, link]) => [id ?? '', new URL(link ?? '').searchParams.get('token') ?? '']);
}

const attemptsOf = (g: ClassGrid, learner: string, step: number): number => g.learners.find((l) => l.learner.id === learner)?.labs.find((x) => x.lab === LAB)?.cells[step]?.attempts ?? 0;

export async function classroomFigures(learners: number, log: (line: string) => void): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'halab-class-bench-'));
  const room = await startClassroom({ dir, name: 'bench', roster: { count: learners }, labs: [LAB], port: 0, bind: '127.0.0.1', idleMs: 3_600_000, log: () => undefined });
  const clients: ApiClient[] = [];
  const up: number[] = [];
  const check: number[] = [];
  const toGrid: number[] = [];
  const labMb: number[] = [];
  const failures: string[] = [];
  const tokens = readTokens(room.linksFile);
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
          await c.call('session.info', {});
          const started = performance.now();
          await c.call('lab.up', { lab: LAB });
          up.push(performance.now() - started);
          const lab = await runningLab(`${id}-${LAB}`);
          for (let i = 0; i < steps; i++) {
            const step = lab.pack.manifest.steps[i];
            if (step) await applySolution(lab, step);
            const from = teacher.mark();
            const sent = performance.now();
            const result = await c.call<StepResultView>('checks.run', { lab: LAB, step: i });
            const answered = performance.now();
            check.push(answered - sent);
            if (!result.passed) failures.push(`${id} step ${i + 1}`);
            const seen = await teacher.waitFor('class.update', (g) => attemptsOf(g, id, i) >= 1, 10_000, from);
            // The grid can hear of the Check before the learner's page does: that counts as no wait.
            toGrid.push(Math.max(0, seen.at - answered));
          }
          labMb.push((await readLabCgroups(lab)).bytes / MB);
          const now = await room.load.capacity();
          if (now.running >= peak.running) peak = now;
          await c.call('lab.down', { lab: LAB });
        } catch (err) {
          failures.push(`${id}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }),
    );
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
      classroom_lab_mb: round(percentile(labMb, 0.5), 1),
      classroom_lab_mb_spread: spreadOf(labMb),
      classroom_dashboard_update_ms: round(percentile(toGrid, 0.95), 0),
      classroom_dashboard_update_ms_spread: spreadOf(toGrid, 0),
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
