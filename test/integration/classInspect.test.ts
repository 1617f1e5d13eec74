// The instructor looks at one learner's lab, on real containers, over the API as the dashboard speaks it:
// the learner's live topology, and a read-only copy of the learner's terminal (what they type and see, from
// the moment it is opened, after the terminal's recent output). The instructor's input is refused by the
// server and never reaches the shell; a learner can call none of this; only the class's learners can be
// looked at, and one taken out of the class no longer can. A watcher that never renders holds the learner's
// terminal back in nothing and is sent a bounded amount.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayloads, LabDetail, LearnerLabView } from '../../common/contract.js';
import { startClassroom, type RunningClassroom } from '../../electron/classroom/classroomServer.js';
import { ClassStore } from '../../electron/classroom/classStore.js';
import { WATCH_PENDING_MAX, WATCH_UNACKED_MAX } from '../../electron/terminal/terminalWatcher.js';
import { down } from '../../electron/topology/manager.js';
import { connectApi, type ApiClient } from '../helpers/hostClient.js';
import { isolateHome, leftovers, requireDockerAndImage } from '../helpers/integration.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const LAB = 'vrrp-pair';
// Learner ids make the instance names (tb-ana-vrrp-pair): this file's own, apart from every other test's.
const ANA = 'tb-ana';
const BEN = 'tb-ben';
/** The most text one decoded piece of terminal output holds (OutputDecoder's batch). */
const MAX_PIECE = 32 * 1024;

let room: RunningClassroom;
const clients: ApiClient[] = [];
let teacher: ApiClient;
let ana: ApiClient;
let anaTerminal = '';
let watchId = '';

async function as(holder: string): Promise<ApiClient> {
  const token = holder === 'instructor' ? (new URL(room.instructorUrl).searchParams.get('token') ?? '') : room.room.store.issueToken(holder);
  const c = await connectApi({ port: room.host.port, origin: room.host.origin, token });
  clients.push(c);
  return c;
}

const refusal = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'no refusal',
    (err: unknown) => (err instanceof Error ? err.message : String(err)),
  );

/** Each terminal's text as it arrived on one client, from `from` on. */
class TerminalTap {
  private readonly seen = new WeakSet<object>();
  private readonly texts = new Map<string, string>();

  constructor(
    private readonly client: ApiClient,
    private readonly from = client.mark(),
  ) {}

  text(id: string): string {
    return this.texts.get(id) ?? '';
  }

  /** Waits until the terminal's text holds `needle`; returns the text. */
  async waitText(id: string, needle: string | RegExp, ms = 30_000): Promise<string> {
    const holds = (text: string): boolean => (typeof needle === 'string' ? text.includes(needle) : needle.test(text));
    await this.client.waitFor('terminal.data', (p) => this.absorb(p) && holds(this.text(id)), ms, this.from);
    return this.text(id);
  }

  /** Takes in every event that has arrived by now (the wait ends at once: it only reads what is there). */
  async catchUp(): Promise<void> {
    await this.client.waitFor('terminal.data', (p) => !this.absorb(p), 1, this.from).catch(() => undefined);
  }

  private absorb(p: EventPayloads['terminal.data']): true {
    if (!this.seen.has(p)) {
      this.seen.add(p);
      this.texts.set(p.id, this.text(p.id) + p.data);
    }
    return true;
  }
}

describe("the instructor looks at one learner's lab (classroom server + real containers)", () => {
  beforeAll(async () => {
    isolateHome();
    await requireDockerAndImage();
    const dir = makeTempDir('halab-tb-inspect-');
    const store = ClassStore.open(join(dir, 'class.db'), { create: true });
    store.setClass({ name: 'tb-inspect', labs: [LAB] });
    store.addLearners([
      { id: ANA, name: '安娜 tb' },
      { id: BEN, name: 'Ben tb' },
    ]);
    store.close();
    room = await startClassroom({ dir, name: 'tb-inspect', port: 0, bind: '127.0.0.1', log: () => undefined });
    teacher = await as('instructor');
    ana = await as(ANA);
  }, 120_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await room.close();
    for (const id of [ANA, BEN]) await down(`${id}-${LAB}`);
    expect(await leftovers()).toEqual({ containers: 0, networks: 0 });
  }, 120_000);

  it('refuses every learner, names outside the class and malformed input', async () => {
    const ben = await as(BEN);
    for (const learner of [ben, ana])
      for (const who of [ANA, BEN]) {
        expect(await refusal(learner.call('class.inspect', { learner: who, lab: LAB, on: true }))).toMatch(/^E_FORBIDDEN: Only the instructor/);
        expect(await refusal(learner.call('class.watchTerminal', { learner: who, lab: LAB, node: 'client' }))).toMatch(/^E_FORBIDDEN: Only the instructor/);
      }
    // Only this class's learners, in this class's labs, on that lab's nodes.
    for (const who of ['tb-zed', 'instructor', 'teacher', 'l01'])
      expect(await refusal(teacher.call('class.inspect', { learner: who, lab: LAB, on: true })), who).toMatch(new RegExp(`^E_FORBIDDEN: There is no learner "${who}" in this class`));
    expect(await refusal(teacher.call('class.inspect', { learner: ANA, lab: 'split-brain', on: true }))).toMatch(/^E_BAD_INPUT: "split-brain" is not one of this class's labs/);
    expect(await refusal(teacher.call('class.watchTerminal', { learner: ANA, lab: LAB, node: 'web09' }))).toMatch(/^E_NO_SUCH_NODE/);
    expect(await refusal(teacher.call('class.watchTerminal', { learner: 'tb-zed', lab: LAB, node: 'client' }))).toMatch(/^E_FORBIDDEN/);
    for (const bad of [
      { learner: 'TB-ANA', lab: LAB, on: true },
      { learner: '../tb-ana', lab: LAB, on: true },
      { learner: ANA, lab: 'Vrrp', on: true },
      { learner: ANA, lab: LAB, on: 'yes' },
      { learner: ANA, lab: LAB, on: true, instance: 'tb-ana-vrrp-pair' },
    ])
      expect(await refusal(teacher.call('class.inspect', bad)), JSON.stringify(bad)).toMatch(/^E_INPUT/);
    expect(await refusal(teacher.call('class.watchTerminal', { learner: ANA, lab: LAB, node: 'lb01; id' }))).toMatch(/^E_INPUT/);

    // A learner whose lab does not run: said so, and the topology shows no node running.
    const from = teacher.mark();
    const view = await teacher.call<LearnerLabView>('class.inspect', { learner: BEN, lab: LAB, on: true });
    expect(view).toEqual({ learner: { id: BEN, name: 'Ben tb' }, lab: LAB, running: false, terminals: [] });
    const topo = await teacher.waitFor('class.topology', (t) => t.learner === BEN, 30_000, from);
    expect(topo.payload.lab).toBe(LAB);
    expect(topo.payload.nodes.some((n) => n.state === 'running')).toBe(false);
    expect(await refusal(teacher.call('class.watchTerminal', { learner: BEN, lab: LAB, node: 'client' }))).toMatch(/^E_NO_TERMINAL/);
    await teacher.call('class.inspect', { learner: BEN, lab: LAB, on: false });
  }, 60_000);

  it("shows the learner's live topology and terminal, and refuses the instructor's input", async () => {
    expect((await ana.call<LabDetail>('lab.up', { lab: LAB })).running).toBe(true);
    const from = teacher.mark();
    const view = await teacher.call<LearnerLabView>('class.inspect', { learner: ANA, lab: LAB, on: true });
    expect(view).toMatchObject({ learner: { id: ANA, name: '安娜 tb' }, running: true, terminals: [] });
    const topo = await teacher.waitFor('class.topology', (t) => t.learner === ANA && t.nodes.some((n) => n.name === 'lb01' && n.state === 'running'), 60_000, from);
    expect(topo.payload.lab).toBe(LAB);

    // The learner opens a terminal: the instructor's view lists it.
    const anaTap = new TerminalTap(ana);
    anaTerminal = (await ana.call<{ id: string }>('terminal.open', { lab: LAB, node: 'client', cols: 100, rows: 30 })).id;
    await teacher.waitFor('class.inspect', (v) => v.learner.id === ANA && v.terminals.includes('client'), 30_000, from);
    await ana.call('terminal.input', { id: anaTerminal, data: 'echo "before=$((6*7))"\r' });
    await anaTap.waitText(anaTerminal, 'before=42');

    // Opened now: it starts with what the learner has on screen, then follows live.
    const teacherTap = new TerminalTap(teacher);
    const watch = await teacher.call<{ id: string; cols: number; rows: number; recent: string }>('class.watchTerminal', { learner: ANA, lab: LAB, node: 'client' });
    watchId = watch.id;
    expect(watch.id).not.toBe(anaTerminal);
    expect({ cols: watch.cols, rows: watch.rows }).toEqual({ cols: 100, rows: 30 });
    expect(watch.recent).toContain('before=42');
    await ana.call('terminal.input', { id: anaTerminal, data: 'echo "typed by ana: $((7*6))"\r' });
    const seen = await teacherTap.waitText(watch.id, 'typed by ana: 42');
    expect(seen).toContain('echo "typed by ana: $((7*6))"'); // what the learner typed, as echoed to them

    // The instructor cannot type into it or resize it, through the watch or with the learner's own id.
    expect(await refusal(teacher.call('terminal.input', { id: watch.id, data: 'touch /tmp/instructor-typed\r' }))).toMatch(/^E_FORBIDDEN: This terminal is shown read-only/);
    expect(await refusal(teacher.call('terminal.resize', { id: watch.id, cols: 20, rows: 5 }))).toMatch(/^E_FORBIDDEN/);
    expect(await refusal(teacher.call('terminal.input', { id: anaTerminal, data: 'touch /tmp/instructor-typed\r' }))).toMatch(/^E_NO_TERMINAL/);
    await ana.call('terminal.input', { id: anaTerminal, data: '[ -e /tmp/instructor-typed ] && echo "typed=$((1+1))" || echo "typed=$((1+2))"\r' });
    expect(await anaTap.waitText(anaTerminal, /typed=\d/)).toMatch(/typed=3/);
    await teacherTap.waitText(watch.id, 'typed=3');

    // The learner resizes: the watcher follows.
    await ana.call('terminal.resize', { id: anaTerminal, cols: 120, rows: 40 });
    expect((await teacher.waitFor('terminal.resized', (r) => r.id === watch.id, 10_000, from)).payload).toEqual({ id: watch.id, cols: 120, rows: 40 });
  }, 180_000);

  it('a watcher that never renders holds the learner back in nothing and is sent a bounded amount', async () => {
    const anaTap = new TerminalTap(ana);
    const teacherTap = new TerminalTap(teacher);
    const from = teacher.mark();
    // 600,000 characters: over the watcher's bound, under the learner's own flow-control mark (which this test does not ack).
    await ana.call('terminal.input', { id: anaTerminal, data: 'head -c 600000 /dev/zero | tr "\\0" x; echo; echo "flood=$((40+2))"\r' });
    const learnerSaw = await anaTap.waitText(anaTerminal, 'flood=42', 60_000);
    expect(learnerSaw.split('x').length - 1).toBeGreaterThanOrEqual(600_000);
    // A size change reaches the watcher after every piece of output sent to it before.
    await ana.call('terminal.resize', { id: anaTerminal, cols: 100, rows: 30 });
    await teacher.waitFor('terminal.resized', (r) => r.id === watchId && r.cols === 100, 10_000, from);
    await teacherTap.catchUp();
    const sent = teacherTap.text(watchId);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.length).toBeLessThanOrEqual(WATCH_UNACKED_MAX + MAX_PIECE);
    expect(sent).not.toContain('flood=42');
    // Once it has rendered, it gets the newest text, told how much it missed.
    await teacher.call('terminal.ack', { id: watchId, chars: sent.length });
    const after = await teacherTap.waitText(watchId, 'flood=42', 30_000);
    const rest = after.slice(sent.length);
    expect(rest).toMatch(/\[… \d+ characters not shown …\]/);
    expect(rest.length).toBeLessThanOrEqual(WATCH_PENDING_MAX + 100);
  }, 120_000);

  it('a learner taken out of the class is no longer watched, nor watchable', async () => {
    const from = teacher.mark();
    room.room.store.removeLearner(ANA);
    const ended = await teacher.waitFor('class.inspect', (v) => v.learner.id === ANA && v.removed === true, 30_000, from);
    expect(ended.payload).toMatchObject({ running: false, terminals: [] });
    await teacher.waitFor('terminal.exit', (e) => e.id === watchId, 30_000, from);
    expect(await refusal(teacher.call('class.inspect', { learner: ANA, lab: LAB, on: true }))).toMatch(/^E_FORBIDDEN: There is no learner "tb-ana"/);
    expect(await refusal(teacher.call('class.watchTerminal', { learner: ANA, lab: LAB, node: 'client' }))).toMatch(/^E_FORBIDDEN: There is no learner "tb-ana"/);
    expect(await refusal(teacher.call('terminal.ack', { id: watchId, chars: 1 }))).toMatch(/^E_NO_TERMINAL/);
    // Letting go of a removed learner's view still works.
    expect(await teacher.call<LearnerLabView>('class.inspect', { learner: ANA, lab: LAB, on: false })).toMatchObject({ removed: true });
  }, 60_000);
});
