// The class store survives SIGKILL in the middle of writes: every event the writer acknowledged is there,
// whole, the file passes SQLite's integrity check, and the derived per-step state agrees with the events.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ClassStore } from '../../electron/classroom/classStore.js';
import { rosterOfCount } from '../../electron/classroom/roster.js';
import type { ProgressEvent } from '../../electron/classroom/types.js';
import { projectRoot } from '../../electron/util/paths.js';
import { makeTempDir } from '../helpers/tempDirs.js';
import { WRITER_LAB, replayProgress, writerEvent, writerTag } from '../helpers/classStoreWriter.js';

const KILLS = 5;
const byKey = <T extends { learner: string; lab: string; step: string }>(a: T, b: T): number => `${a.learner}/${a.lab}/${a.step}`.localeCompare(`${b.learner}/${b.lab}/${b.step}`);

interface Ack {
  seq: number;
  run: number;
  n: number;
}

/** Runs the writer, kills it `afterMs` after its first acknowledgement, and returns every acknowledgement. */
function runUntilKilled(file: string, run: number, afterMs: number): Promise<{ acks: Ack[]; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot(), 'test/helpers/classStoreWriter.ts'), file, String(run)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), afterMs));
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.once('error', reject);
    child.once('close', (_code, signal) => {
      // Only whole lines: a line is written in one write(2) and cannot be cut, but the check costs nothing.
      const lines = out.split('\n').slice(0, -1);
      resolve({ signal, acks: lines.map((l) => l.split(' ').map(Number)).map(([seq = 0, r = 0, n = 0]) => ({ seq, run: r, n })) });
    });
  });
}

/** The event as the writer made it, in the shape eventsSince returns (time aside). */
function expectedEvent(run: number, n: number): Omit<ProgressEvent, 'seq' | 'at'> {
  const { learner, result } = writerEvent(run, n);
  return { learner, lab: WRITER_LAB, step: result.step, index: result.index, kind: 'check', passed: result.passed, checks: [...result.checks] };
}

describe('class store under SIGKILL', () => {
  it(`keeps every acknowledged event whole through ${KILLS} kills mid-write`, { timeout: 180_000 }, async () => {
    const file = join(makeTempDir('halab-class-crash-'), 'class.db');
    const setup = ClassStore.open(file, { create: true });
    setup.setClass({ name: 'crash class', labs: [WRITER_LAB] });
    setup.addLearners(rosterOfCount(3));
    setup.close();

    const acked = new Map<number, Ack>();
    for (let run = 1; run <= KILLS; run++) {
      const afterMs = 100 + Math.floor(Math.random() * 500);
      const { acks, signal } = await runUntilKilled(file, run, afterMs);
      const context = `run ${run}, killed ${afterMs} ms after its first commit`;
      expect(signal, `${context}: the writer ended before it was killed`).toBe('SIGKILL');
      expect(acks.length, context).toBeGreaterThan(0);
      for (const a of acks) acked.set(a.seq, a);

      const store = ClassStore.open(file);
      try {
        expect(store.integrityCheck(), context).toEqual([]);
        const events = store.eventsSince(0, 10_000_000);
        const bySeq = new Map(events.map((e) => [e.seq, e]));
        // Nothing acknowledged, in this run or any earlier one, was lost or changed.
        for (const a of acked.values()) {
          const event = bySeq.get(a.seq);
          expect(event, `${context}: acknowledged event ${a.seq} lost`).toBeDefined();
          expect(event && { ...event, seq: undefined, at: undefined }, `${context}: event ${a.seq}`).toEqual({ ...expectedEvent(a.run, a.n), seq: undefined, at: undefined });
        }
        // Nothing torn: every event in the file, acknowledged or not, is one the writer made, whole.
        for (const e of events) {
          const tag = writerTag(e);
          expect(tag, `${context}: event ${e.seq} is not one the writer made`).toBeDefined();
          if (tag) expect({ ...e, seq: undefined, at: undefined }).toEqual({ ...expectedEvent(tag.run, tag.n), seq: undefined, at: undefined });
        }
        // At most the one event committed but not yet printed when the kill came goes unacknowledged.
        expect(events.filter((e) => writerTag(e)?.run === run && !acked.has(e.seq)).length, context).toBeLessThanOrEqual(1);
        expect(store.stepStates().sort(byKey), `${context}: derived state`).toEqual(replayProgress(events).sort(byKey));
      } finally {
        store.close();
      }
    }
    expect(acked.size).toBeGreaterThan(KILLS);
  });
});
