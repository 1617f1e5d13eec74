// Child process for the class store's crash test: records check events in a tight loop and prints
// "<seq> <run> <n>" for each one once its transaction has committed, until it is killed (bounded: at most
// 200,000 events or 60 s). Every field of an event follows from its run and n, so the test can tell a whole
// event from a torn one. Also the replay the tests hold the store's derived per-step state against.
import { writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ClassStore } from '../../electron/classroom/classStore.js';
import type { ProgressEvent, StepCheck, StepState } from '../../electron/classroom/types.js';

export const WRITER_LEARNERS = ['l01', 'l02', 'l03'] as const;
export const WRITER_LAB = 'failover';
const MAX_EVENTS = 200_000;
const MAX_MS = 60_000;

/** The n-th event of a run. Its texts grow up to ~2 kB, so events span database pages now and then. */
export function writerEvent(run: number, n: number): { learner: string; result: StepCheck } {
  const tag = `r${run}n${n}`;
  const index = n % 5;
  const passed = n % 4 === 0;
  return {
    learner: WRITER_LEARNERS[n % WRITER_LEARNERS.length] ?? 'l01',
    result: {
      step: `s${index}`,
      index,
      passed,
      checks: [
        {
          id: tag,
          passed,
          expected: { en: `${tag} only lb01 holds 10.0.0.3 ${'x'.repeat(n % 1500)}`, 'zh-CN': `${tag} 10.0.0.3 只在 lb01 上` },
          seen: { en: `${tag} seen`, 'zh-CN': `${tag} 主备切换` },
        },
        { id: 'service', passed: true, expected: { en: 'running', 'zh-CN': '正在运行' }, seen: { en: 'running', 'zh-CN': '正在运行' } },
      ],
    },
  };
}

/** The run and n an event was written as, read from its first check's id. */
export function writerTag(event: ProgressEvent): { run: number; n: number } | undefined {
  const match = /^r(\d+)n(\d+)$/.exec(event.checks[0]?.id ?? '');
  return match ? { run: Number(match[1]), n: Number(match[2]) } : undefined;
}

/** The per-step state the events imply, computed here independently of the store's trigger. */
export function replayProgress(events: readonly ProgressEvent[]): StepState[] {
  const states = new Map<string, StepState>();
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    const key = `${e.learner}\u0000${e.lab}\u0000${e.step}`;
    const s = states.get(key) ?? { learner: e.learner, lab: e.lab, step: e.step, index: e.index, attempts: 0, failsSincePass: 0, lastChecks: [] };
    s.index = e.index;
    if (e.kind === 'solved') {
      if (!s.earnedAt) s.solvedAt = e.at;
    } else if (e.kind === 'unsolved') {
      delete s.solvedAt;
    } else {
      s.attempts += 1;
      s.firstCheckedAt ??= e.at;
      s.lastCheckedAt = e.at;
      s.lastPassed = e.passed === true;
      if (e.passed) s.earnedAt ??= e.at;
      s.failsSincePass = e.passed ? 0 : s.failsSincePass + 1;
      s.lastChecks = e.checks;
    }
    states.set(key, s);
  }
  return [...states.values()];
}

function writeUntilKilled(file: string, run: number): void {
  const store = ClassStore.open(file);
  const started = Date.now();
  for (let n = 1; n <= MAX_EVENTS && Date.now() - started < MAX_MS; n++) {
    const { learner, result } = writerEvent(run, n);
    const { seq } = store.recordCheck(learner, WRITER_LAB, result);
    // Synchronous: the line is in the pipe before the next transaction starts.
    writeSync(1, `${seq} ${run} ${n}\n`);
  }
  store.close();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeUntilKilled(process.argv[2] ?? '', Number(process.argv[3] ?? '0'));
}
