// One API, several learners: every method that touches a lab works on the caller's own copy of it (its own
// instance name) and the caller's own progress, and lab events reach that learner's windows only. Docker is
// not needed: a lab that is not running is refused with the caller's own instance named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallReply, EventName, LabDetail, LabSummary, ProgressReport } from '../../common/contract.js';
import { allHandlers } from '../../electron/api/handlers/index.js';
import { broadcastTo, createDispatcher, createSession } from '../../electron/api/dispatch.js';
import { localScope, type LearnerScope } from '../../electron/core/learnerScope.js';
import { memoryProgressBook } from '../helpers/memoryProgressBook.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const api = createDispatcher(allHandlers, () => undefined);
const previousHome = process.env.HALAB_HOME;

function learner(id: string): LearnerScope & { book: ReturnType<typeof memoryProgressBook> } {
  const book = memoryProgressBook();
  return { key: `learner:${id}`, learner: { id, name: `Learner ${id}` }, instance: (lab) => `${id}-${lab}`, progress: book, book };
}

function caller(scope: LearnerScope): { call: (method: string, input: unknown) => Promise<CallReply>; events: { event: EventName; payload: unknown }[]; close: () => void } {
  const events: { event: EventName; payload: unknown }[] = [];
  const session = createSession(
    (event, payload) => events.push({ event, payload }),
    () => undefined,
    { scope, role: scope === localScope ? 'owner' : 'learner' },
  );
  return {
    call: (method, input) => api.dispatch(method, input, session.ctx),
    events,
    close: () => {
      session.close();
    },
  };
}

const a = learner('l01');
const b = learner('l02');

beforeAll(async () => {
  process.env.HALAB_HOME = makeTempDir('halab-scope-');
  await a.book.recordStep('vrrp-pair', { step: 'configure', index: 0, passed: true, checks: [] });
  await b.book.markSolvedThrough('vrrp-pair', ['configure', 'start'], []);
});

afterAll(() => {
  if (previousHome === undefined) delete process.env.HALAB_HOME;
  else process.env.HALAB_HOME = previousHome;
});

describe('a learner scope', () => {
  it("lists the labs with the caller's own progress", async () => {
    const mine = (await caller(a).call('labs.list', {})) as { result: LabSummary[] };
    const theirs = (await caller(b).call('labs.list', {})) as { result: LabSummary[] };
    expect(mine.result.find((l) => l.id === 'vrrp-pair')?.earned).toBe(1);
    expect(theirs.result.find((l) => l.id === 'vrrp-pair')?.earned).toBe(0);
    const detail = (await caller(b).call('labs.get', { lab: 'vrrp-pair' })) as { result: LabDetail };
    expect(detail.result.steps.map((s) => [s.id, !!s.earnedAt, !!s.solvedAt])).toEqual([
      ['configure', false, true],
      ['start', false, true],
      ['failover', false, false],
      ['preempt', false, false],
    ]);
  });

  it("reports the caller's own progress under the caller's name", async () => {
    const reply = (await caller(a).call('progress.report', { format: 'json', lang: 'en' })) as { result: { content: string } };
    const report = JSON.parse(reply.result.content) as ProgressReport;
    expect(report.learner).toBe('Learner l01');
    expect(report.labs.find((l) => l.id === 'vrrp-pair')?.steps[0]?.earnedAt).toBeDefined();
  });

  it("works on the caller's own instance of a lab, never on the lab id another learner or the machine uses", async () => {
    for (const [method, input] of [
      ['checks.run', { lab: 'vrrp-pair', step: 0 }],
      ['faults.apply', { lab: 'vrrp-pair', fault: 'kill_node', node: 'lb01' }],
      ['files.read', { lab: 'vrrp-pair', node: 'lb01', path: '/etc/keepalived/keepalived.conf' }],
      ['mail.list', { lab: 'vrrp-pair' }],
      ['terminal.open', { lab: 'vrrp-pair', node: 'lb01', cols: 80, rows: 24 }],
    ] as const) {
      const reply = await caller(a).call(method, input);
      expect(reply, method).toMatchObject({ error: { code: 'E_NOT_RUNNING' } });
      expect('error' in reply && reply.error.message, method).toContain('"l01-vrrp-pair"');
    }
    const topo = (await caller(b).call('topology.get', { lab: 'vrrp-pair' })) as { result: { lab: string } };
    expect(topo.result.lab).toBe('vrrp-pair');
    const proto = (await caller(b).call('protocol.get', { lab: 'vrrp-pair' })) as { result: { lab: string; problem?: string } };
    expect(proto.result).toMatchObject({ lab: 'vrrp-pair', problem: 'notRunning' });
  });

  it("sends a learner's lab events to that learner's windows only", () => {
    const mineA = caller(a);
    const otherA = caller(a);
    const theirsB = caller(b);
    const machine = caller(localScope);
    broadcastTo(a, 'lab.changed', { lab: 'vrrp-pair', running: true });
    expect(mineA.events).toEqual([{ event: 'lab.changed', payload: { lab: 'vrrp-pair', running: true } }]);
    expect(otherA.events).toHaveLength(1);
    expect(theirsB.events).toEqual([]);
    expect(machine.events).toEqual([]);
    for (const c of [mineA, otherA, theirsB, machine]) c.close();
  });
});
