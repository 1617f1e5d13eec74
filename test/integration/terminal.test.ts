// Terminals into real lab nodes through the TerminalManager: UTF-8 intact, resize seen by the shell,
// commands really act on the node, flow control bounds the backlog under a flood, node kill reported.
import { localScope } from '../../electron/core/learnerScope.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPack } from '../../electron/labs/loadPack.js';
import { down, up, type RunningLab } from '../../electron/topology/manager.js';
import { applyFault } from '../../electron/checks/actions.js';
import { TerminalManager, MAX_TERMINALS_PER_SESSION } from '../../electron/terminal/terminalManager.js';
import { HIGH_WATERMARK } from '../../electron/terminal/flowControl.js';
import type { HandlerContext } from '../../electron/api/handlerTypes.js';
import type { EventName, EventPayloads } from '../../common/contract.js';
import { createDispatcher } from '../../electron/api/dispatch.js';
import { terminalHandlers } from '../../electron/api/handlers/terminal.js';
import { terminalManager } from '../../electron/terminal/terminalManager.js';
import { FIXTURE_PAIR, isolateHome, leftovers, requireDockerAndImage } from '../helpers/integration.js';

const INSTANCE = `it-term-${process.pid}`;
const FLOOD_CHARS = 20_000_000;
let lab: RunningLab;
const manager = new TerminalManager();

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** How long a hung-up shell may take to leave its node (a docker exec per look, on a busy machine). */
const HANGUP_MS = 15_000;

/** What one terminal showed: the text (kept up to 1 MB), a count of 'x', the tail, the exits. */
class Screen {
  text = '';
  xCount = 0;
  tail = '';
  exits: EventPayloads['terminal.exit'][] = [];
  ackMode: 'auto' | 'manual' = 'auto';
  unackedHere = 0;
}

/** A fake UI session: records events per terminal and acknowledges like a renderer would (asynchronously). */
class FakeUi implements HandlerContext {
  readonly scope = localScope;
  readonly role = 'owner' as const;
  readonly screens = new Map<string, Screen>();
  private readonly cleanups: (() => void)[] = [];
  constructor(readonly session: string) {}

  screen(id: string): Screen {
    let s = this.screens.get(id);
    if (!s) this.screens.set(id, (s = new Screen()));
    return s;
  }

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    if (event === 'terminal.data') {
      const { id, data } = payload as EventPayloads['terminal.data'];
      const s = this.screen(id);
      if (s.text.length < 1 << 20) s.text += data;
      for (let i = data.indexOf('x'); i !== -1; i = data.indexOf('x', i + 1)) s.xCount++;
      s.tail = (s.tail + data).slice(-4096);
      if (s.ackMode === 'auto') {
        setImmediate(() => {
          this.ackSafely(id, data.length);
        });
      } else s.unackedHere += data.length;
    } else if (event === 'terminal.exit') {
      const p = payload as EventPayloads['terminal.exit'];
      this.screen(p.id).exits.push(p);
    }
  }

  onClose(cleanup: () => void): void {
    this.cleanups.push(cleanup);
  }

  end(): void {
    for (const c of this.cleanups.splice(0)) c();
  }

  ack(id: string, chars: number): void {
    const s = this.screen(id);
    const n = Math.min(chars, s.unackedHere);
    s.unackedHere -= n;
    this.ackSafely(id, n);
  }

  private ackSafely(id: string, chars: number): void {
    try {
      manager.ack(id, chars, this);
    } catch {
      // the terminal ended meanwhile
    }
  }
}

async function waitFor(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 15_000, screen?: Screen): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen ends with ${JSON.stringify(screen?.tail.slice(-600))}`);
    await sleep(20);
  }
}

async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return String((err as { code?: unknown }).code);
  }
  return 'no error';
}

function syncErrorCode(fn: () => void): string {
  try {
    fn();
  } catch (err) {
    return String((err as { code?: unknown }).code);
  }
  return 'no error';
}

/** Processes in the node still carrying the marker of one of these terminals. */
async function shellsOf(node: string, ...ids: string[]): Promise<string> {
  const patterns = ids.map((id) => `-e HALAB_TERMINAL=${id}`).join(' ');
  const res = await lab.container(node).exec(['bash', '-c', `grep -lxzF ${patterns} /proc/[0-9]*/environ 2>/dev/null; true`]);
  return res.stdout.trim();
}

/** Waits until no process of these terminals is left in the node; fails if one outlives the hang-up. */
async function waitShellsGone(node: string, ...ids: string[]): Promise<void> {
  let left = '';
  try {
    await waitFor('the hang-up', async () => (left = await shellsOf(node, ...ids)) === '', HANGUP_MS);
  } catch {
    throw new Error(`processes of terminals ${ids.join(', ')} still run in ${node} ${HANGUP_MS} ms after the hang-up: ${left}`);
  }
}

describe('terminals on real containers', () => {
  beforeAll(async () => {
    isolateHome();
    await requireDockerAndImage();
    lab = await up(await loadPack(FIXTURE_PAIR), { instance: INSTANCE });
  });

  afterAll(async () => {
    await manager.closeSession('s1');
    await down(INSTANCE);
    expect(await leftovers(INSTANCE)).toEqual({ containers: 0, networks: 0 });
  });

  it('opens a login shell with the tutorial prompt; Chinese text and the hostname come back intact', async () => {
    const ui = new FakeUi('s1');
    const { id } = await manager.open(INSTANCE, 'lb01', 100, 30, ui);
    expect(id).toMatch(/^t[0-9a-z]{1,20}$/);
    const s = ui.screen(id);
    await waitFor('the prompt', () => s.text.includes('[root@lb01 ~]# '));
    manager.input(id, 'echo 你好; hostname\n', ui);
    await waitFor('the answer', () => /\r你好\r\nlb01\r\n/.test(s.text), 15_000, s);
    expect(s.text).not.toContain('\uFFFD');
    await manager.close(id, ui);
  });

  it('sizes the TTY on open and follows terminal.resize (stty size)', async () => {
    const ui = new FakeUi('s1');
    const { id } = await manager.open(INSTANCE, 'lb01', 100, 30, ui);
    const s = ui.screen(id);
    manager.input(id, 'stty size\n', ui);
    await waitFor('30 100', () => s.text.includes('\r30 100\r\n'), 15_000, s);
    await manager.resize(id, 132, 43, ui);
    manager.input(id, 'stty size\n', ui);
    await waitFor('43 132', () => s.text.includes('\r43 132\r\n'), 15_000, s);
    await manager.close(id, ui);
  });

  it('runs what the learner types on the node: systemctl stop keepalived really stops it', async () => {
    const running = await lab.container('lb01').exec(['pgrep', '-x', 'keepalived']);
    expect(running.exitCode).toBe(0);
    const ui = new FakeUi('s1');
    const { id } = await manager.open(INSTANCE, 'lb01', 80, 24, ui);
    const s = ui.screen(id);
    manager.input(id, 'systemctl stop keepalived; echo STOPPED-$((40+2))\n', ui);
    await waitFor('systemctl to finish', () => s.text.includes('STOPPED-42'), 30_000);
    const after = await lab.container('lb01').exec(['pgrep', '-x', 'keepalived']);
    expect(after.exitCode).toBe(1);
    await manager.close(id, ui);
    await lab.container('lb01').exec(['systemctl', 'start', 'keepalived'], { timeoutMs: 15_000 });
  });

  it('bounds the unacknowledged backlog under a flood with a slow UI, and delivers every byte once acked', async () => {
    const ui = new FakeUi('s1');
    const { id } = await manager.open(INSTANCE, 'client', 200, 50, ui);
    const s = ui.screen(id);
    await waitFor('the prompt', () => s.text.includes('# '));
    s.ackMode = 'manual';
    // '\170' is 'x': the echoed command line then holds no 'x' and the count is exact.
    manager.input(id, `head -c ${FLOOD_CHARS} /dev/zero | tr '\\0' '\\170'; echo; echo FLOOD-$((1+1))\n`, ui);
    // A slow renderer: 16 K characters every 20 ms (0.8 MB/s) for 3 s. The pause paces the consumer; it
    // synchronises nothing.
    const slowUntil = Date.now() + 3000;
    let maxSeen = 0;
    while (Date.now() < slowUntil) {
      await sleep(20);
      maxSeen = Math.max(maxSeen, manager.stats(id, ui).unacked);
      ui.ack(id, 16 * 1024);
    }
    const slow = manager.stats(id, ui);
    console.log(`[terminal] slow UI: ${s.xCount} chars in 3 s, max unacked ${slow.maxUnacked} (high ${HIGH_WATERMARK}, largest chunk ${slow.maxChunk}), ${slow.pauses} pauses`);
    expect(slow.pauses).toBeGreaterThan(0);
    expect(slow.maxUnacked).toBeLessThanOrEqual(HIGH_WATERMARK + slow.maxChunk);
    expect(slow.maxChunk).toBeLessThanOrEqual(64 * 1024);
    expect(s.xCount).toBeLessThan(FLOOD_CHARS);
    // Now the UI catches up and acknowledges at once: everything arrives.
    s.ackMode = 'auto';
    ui.ack(id, s.unackedHere);
    await waitFor('the end of the flood', () => s.tail.includes('FLOOD-2'), 120_000);
    expect(s.xCount).toBe(FLOOD_CHARS);
    expect(maxSeen).toBeLessThanOrEqual(HIGH_WATERMARK + slow.maxChunk);
    await manager.close(id, ui);
  });

  it('measures throughput with a UI that acknowledges as it renders', async () => {
    const ui = new FakeUi('s1');
    const { id } = await manager.open(INSTANCE, 'client', 200, 50, ui);
    const s = ui.screen(id);
    await waitFor('the prompt', () => s.text.includes('# '));
    const started = performance.now();
    manager.input(id, `head -c ${FLOOD_CHARS} /dev/zero | tr '\\0' '\\170'; echo; echo FLOOD-$((1+1))\n`, ui);
    await waitFor('the end of the flood', () => s.tail.includes('FLOOD-2'), 120_000);
    const seconds = (performance.now() - started) / 1000;
    const stats = manager.stats(id, ui);
    console.log(
      `[terminal] throughput: ${(FLOOD_CHARS / 1e6 / seconds).toFixed(1)} MB/s (${FLOOD_CHARS / 1e6} MB in ${seconds.toFixed(2)} s), max unacked ${stats.maxUnacked}, ${stats.pauses} pauses`,
    );
    expect(s.xCount).toBe(FLOOD_CHARS);
    await manager.close(id, ui);
  });

  it('hangs up the shell on terminal.close and when the session ends', async () => {
    const ui = new FakeUi('s2');
    const a = await manager.open(INSTANCE, 'lb02', 80, 24, ui);
    const b = await manager.open(INSTANCE, 'lb02', 80, 24, ui);
    await waitFor('both prompts', () => ui.screen(a.id).text.includes('# ') && ui.screen(b.id).text.includes('# '));
    manager.input(a.id, 'sleep 1000 &\n', ui);
    await waitFor('the job', () => ui.screen(a.id).text.includes('[1] '));
    expect(await shellsOf('lb02', a.id)).not.toBe('');
    await manager.close(a.id, ui);
    await waitFor('the exit report', () => ui.screen(a.id).exits.length === 1);
    expect(ui.screen(a.id).exits[0]?.reason).toBe('closed');
    expect(await shellsOf('lb02', a.id)).toBe('');
    expect(
      syncErrorCode(() => {
        manager.input(a.id, 'x', ui);
      }),
    ).toBe('E_NO_TERMINAL');
    ui.end();
    expect(manager.openCount('s2')).toBe(0);
    await waitShellsGone('lb02', b.id);
    expect(ui.screen(b.id).exits).toEqual([]); // the session is gone: nothing reported to it
  });

  it('gives clear errors for bad ids, other sessions, unknown nodes and labs, and the per-session limit', async () => {
    const ui = new FakeUi('s3');
    const other = new FakeUi('s4');
    const { id } = await manager.open(INSTANCE, 'client', 80, 24, ui);
    expect(
      syncErrorCode(() => {
        manager.input('tnosuch', 'x', ui);
      }),
    ).toBe('E_NO_TERMINAL');
    expect(
      syncErrorCode(() => {
        manager.input(id, 'x', other);
      }),
    ).toBe('E_NO_TERMINAL');
    expect(await errorCode(manager.resize(id, 80, 24, other))).toBe('E_NO_TERMINAL');
    expect(await errorCode(manager.open(INSTANCE, 'web09', 80, 24, ui))).toBe('E_NO_SUCH_NODE');
    expect(await errorCode(manager.open('no-such-lab', 'lb01', 80, 24, ui))).toBe('E_NOT_RUNNING');
    const opened = [id];
    for (let i = 1; i < MAX_TERMINALS_PER_SESSION; i++) opened.push((await manager.open(INSTANCE, 'client', 80, 24, ui)).id);
    expect(await errorCode(manager.open(INSTANCE, 'client', 80, 24, ui))).toBe('E_TERMINAL_LIMIT');
    // Another window has its own allowance.
    const theirs = await manager.open(INSTANCE, 'client', 80, 24, other);
    await manager.close(opened[0] ?? '', ui);
    opened[0] = (await manager.open(INSTANCE, 'client', 80, 24, ui)).id;
    ui.end();
    other.end();
    expect(manager.openCount('s3') + manager.openCount('s4')).toBe(0);
    await waitShellsGone('client', theirs.id, ...opened);
  });

  it('serves the terminal.* methods through the dispatcher, inputs validated by the contract', async () => {
    const ui = new FakeUi('s5');
    const api = createDispatcher(terminalHandlers, () => undefined);
    const opened = await api.dispatch('terminal.open', { lab: INSTANCE, node: 'lb02', cols: 90, rows: 25 }, ui);
    if (!('result' in opened)) throw new Error(JSON.stringify(opened.error));
    const { id } = opened.result as { id: string };
    expect(await api.dispatch('terminal.input', { id, data: 'echo $((6*7)); stty size\n' }, ui)).toEqual({ result: { ok: true } });
    await waitFor('the answer', () => ui.screen(id).text.includes('\r42\r\n25 90\r\n'), 15_000, ui.screen(id));
    expect(await api.dispatch('terminal.resize', { id, cols: 1, rows: 25 }, ui)).toMatchObject({ error: { code: 'E_INPUT' } });
    expect(await api.dispatch('terminal.input', { id: '../etc', data: 'x' }, ui)).toMatchObject({ error: { code: 'E_INPUT' } });
    expect(await api.dispatch('terminal.ack', { id: 'tnosuch', chars: 5 }, ui)).toMatchObject({ error: { code: 'E_NO_TERMINAL' } });
    expect(await api.dispatch('terminal.open', { lab: INSTANCE, node: 'lb02', cols: 90, rows: 25, cmd: 'sh' }, ui)).toMatchObject({ error: { code: 'E_INPUT' } });
    expect(await api.dispatch('terminal.close', { id }, ui)).toEqual({ result: { ok: true } });
    expect(terminalManager.openCount('s5')).toBe(0);
  });

  it('reports the shell ending on its own with its exit code', async () => {
    const ui = new FakeUi('s1');
    const { id } = await manager.open(INSTANCE, 'lb02', 80, 24, ui);
    manager.input(id, 'exit 3\n', ui);
    await waitFor('the exit', () => ui.screen(id).exits.length === 1);
    expect(ui.screen(id).exits[0]).toEqual({ id, code: 3, reason: 'shell-exited' });
  });

  it('reports terminal.exit when the node is killed, refuses while it is down, reconnects when it runs again', async () => {
    const ui = new FakeUi('s1');
    const { id } = await manager.open(INSTANCE, 'lb01', 80, 24, ui);
    await waitFor('the prompt', () => ui.screen(id).text.includes('# '));
    await applyFault(lab, 'kill_node', 'lb01');
    await waitFor('the exit', () => ui.screen(id).exits.length === 1);
    expect(ui.screen(id).exits[0]).toEqual({ id, code: null, reason: 'node-stopped' });
    expect(await errorCode(manager.open(INSTANCE, 'lb01', 80, 24, ui))).toBe('E_NODE_STOPPED');
    await applyFault(lab, 'start_node', 'lb01');
    const again = await manager.open(INSTANCE, 'lb01', 80, 24, ui);
    manager.input(again.id, 'hostname\n', ui);
    await waitFor('the new shell', () => ui.screen(again.id).text.includes('\rlb01\r\n'), 15_000, ui.screen(again.id));
    // A restart without our noticing the stop (kill and start in quick succession) is reported too.
    await applyFault(lab, 'kill_node', 'lb01');
    await applyFault(lab, 'start_node', 'lb01');
    await waitFor('the exit', () => ui.screen(again.id).exits.length === 1);
    expect(ui.screen(again.id).exits[0]?.reason).toBe('node-stopped');
  });
});
