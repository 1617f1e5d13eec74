// Probe sessions on a real lab: one shell per node answers batch after batch; a node restarted or stopped
// and started again gets a new session; a slow reading neither blocks another nor outlives its timeout; the
// CLI still exits on its own; after `down` nothing of the sessions is left.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, stopLab } from '../../electron/core/lifecycle.js';
import type { RunningLab } from '../../electron/topology/manager.js';
import type { ContainerHandle, ExecOptions, ExecResult } from '../../electron/runtime/containerRuntime.js';
import { probeIn, withExecBatching } from '../../electron/runtime/execBatch.js';
import { probeSessionRefs } from '../../electron/runtime/probeSession.js';
import { docker } from '../../electron/docker/client.js';
import { FIXTURE_PAIR, isolateHome, leftovers, requireDockerAndImage, spawnHalab } from '../helpers/integration.js';

const INSTANCE = `psess-it-${process.pid}`;
let lab: RunningLab;
let lb01: ContainerHandle;

const read = (argv: string[], opts?: ExecOptions): Promise<ExecResult> => withExecBatching(() => probeIn(lb01, argv, opts));

/** Session shells in lb01 (an idle session is one process; the brackets keep pgrep's own exec out of the count). */
async function sessionShells(): Promise<number> {
  const res = await lb01.exec(['pgrep', '-c', '-f', '[h]alab-probe-session']);
  return Number(res.stdout.trim());
}

/** Waits (at most 30 s) until the lab's node answers an exec again after a restart. */
async function waitUntilRunning(): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if ((await lb01.inspect())?.running && (await lb01.exec(['true']).catch(() => undefined))?.exitCode === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('probe sessions on a real lab', () => {
  beforeAll(async () => {
    isolateHome();
    await requireDockerAndImage();
    lab = (await startLab(FIXTURE_PAIR, { instance: INSTANCE })).lab;
    lb01 = lab.container('lb01');
  });

  afterAll(async () => {
    await stopLab(INSTANCE).catch(() => undefined);
    expect(await leftovers(INSTANCE)).toEqual({ containers: 0, networks: 0 });
  });

  it('answers several batches through one session per node', async () => {
    for (let i = 0; i < 5; i++) {
      const [hostname, addresses, missing] = await withExecBatching(() =>
        Promise.all([probeIn(lb01, ['cat', '/etc/hostname']), probeIn(lb01, ['ip', '-j', '-4', 'addr', 'show', 'eth0']), probeIn(lb01, ['ls', '/no/such/path'])]),
      );
      expect(hostname?.exitCode).toBe(0);
      expect(hostname?.stdout.trim()).toBe('lb01');
      expect(addresses?.stdout).toContain(`"${lab.nodes.find((n) => n.name === 'lb01')?.ip ?? ''}"`);
      expect(missing?.exitCode).toBe(2);
      expect(missing?.stderr).toMatch(/No such file/);
    }
    const lone = await read(['printf', '%s', 'two words']);
    expect(lone.stdout).toBe('two words');
    expect(probeSessionRefs()).toContain(lb01.ref);
    expect(await sessionShells()).toBe(1);
  });

  it('answers 124 for a reading past its timeout, while another batch of the same node answers meanwhile', async () => {
    const order: string[] = [];
    const slow = read(['sleep', '30'], { timeoutMs: 3000 }).then((r) => {
      order.push('slow');
      return r;
    });
    // The slow batch holds the session: this one takes the exec path and does not wait behind it.
    const quick = await withExecBatching(() => Promise.all([probeIn(lb01, ['echo', 'quick']), probeIn(lb01, ['cat', '/etc/hostname'])]));
    order.push('quick');
    expect(quick.map((r) => r.stdout)).toEqual(['quick\n', 'lb01\n']);
    expect((await slow).exitCode).toBe(124);
    expect(order).toEqual(['quick', 'slow']);
    // The session outlived the slow reading and answers the next batch.
    expect((await read(['echo', 'after'])).stdout).toBe('after\n');
    expect(await sessionShells()).toBe(1);
  });

  it('lets the CLI exit on its own after a check, its idle sessions notwithstanding, and they end with it', async () => {
    const cli = spawnHalab(['check', INSTANCE]);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      cli.on('exit', (code, signal) => {
        resolve({ code, signal });
      }),
    );
    let running = true;
    void exited.then(() => (running = false));
    // The fixture's check polls for up to 8 s: the CLI's session shows up beside this process's own.
    let most = 0;
    while (running && most < 2) {
      most = Math.max(most, await sessionShells());
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(most).toBe(2);
    const { code, signal } = await exited;
    expect(signal).toBeNull();
    expect([0, 1]).toContain(code);
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && (await sessionShells()) > 1) await new Promise((r) => setTimeout(r, 100));
    expect(await sessionShells()).toBe(1);
  });

  it('opens a new session after docker restart of the node', async () => {
    expect((await read(['echo', 'before'])).stdout).toBe('before\n');
    const before = (await lb01.inspect())?.startedAt;
    await docker().getContainer(lb01.ref).restart({ t: 1 });
    await waitUntilRunning();
    expect((await lb01.inspect())?.startedAt).not.toBe(before);
    const [again, hostname] = await withExecBatching(() => Promise.all([probeIn(lb01, ['echo', 'again']), probeIn(lb01, ['cat', '/etc/hostname'])]));
    expect(again?.stdout).toBe('again\n');
    expect(hostname?.stdout).toBe('lb01\n');
    expect((await read(['echo', 'warm'])).stdout).toBe('warm\n');
    expect(probeSessionRefs()).toContain(lb01.ref);
    expect(await sessionShells()).toBe(1);
  });

  it('opens a new session after the node is stopped and started', async () => {
    expect((await read(['echo', 'before'])).stdout).toBe('before\n');
    await lb01.kill('SIGKILL');
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && (await lb01.inspect())?.running) await new Promise((r) => setTimeout(r, 100));
    // A stopped node answers as it does without sessions: the runtime refuses the exec.
    await expect(read(['echo', 'stopped'])).rejects.toThrow();
    await lb01.start();
    await waitUntilRunning();
    expect((await read(['echo', 'started'])).stdout).toBe('started\n');
    expect((await read(['echo', 'warm'])).stdout).toBe('warm\n');
    expect(await sessionShells()).toBe(1);
  });

  it('leaves no session behind after down', async () => {
    expect((await read(['echo', 'last'])).stdout).toBe('last\n');
    const refs = lab.nodes.map((n) => lab.container(n.name).ref);
    await stopLab(INSTANCE);
    expect(probeSessionRefs().filter((r) => refs.includes(r))).toEqual([]);
    // The session shells lived in the nodes, and the nodes are gone.
    const inspected = await docker()
      .getContainer(lb01.ref)
      .inspect()
      .then(
        () => 'present',
        (err: unknown) => ((err as { statusCode?: number }).statusCode === 404 ? 'gone' : String(err)),
      );
    expect(inspected).toBe('gone');
    expect(await leftovers(INSTANCE)).toEqual({ containers: 0, networks: 0 });
  });
});
