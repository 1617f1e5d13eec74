// The Docker side of the runtime seam on a real engine: what every ContainerHandle and ContainerRuntime call
// promises (containerRuntime.ts), so that the fake used by unit tests can be held to the same answers.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtime } from '../../electron/runtime/current.js';
import type { ContainerHandle, RuntimeEvent } from '../../electron/runtime/containerRuntime.js';
import { LABEL, labelsFor, ownedFilter } from '../../electron/docker/labels.js';
import { isNotFound } from '../../electron/docker/client.js';
import { makeTar } from '../../electron/docker/tar.js';
import { isolateHome, requireDockerAndImage } from '../helpers/integration.js';

const INSTANCE = `it-rt-${process.pid}`;
const NAME = `halab-${INSTANCE}-n1`;
const NET = `halab-${INSTANCE}`;
// Outside the packs' subnets and the labs' fallbacks (10.213-215.x); internal: nothing leaves it.
const SUBNET = `10.219.${process.pid % 256}.0/24`;
const labels = (): string[] => [...ownedFilter(INSTANCE).label, `${LABEL.role}=node`];

let home: string;
let image: string;
let node: ContainerHandle;
const events: RuntimeEvent[] = [];
let watch: { stop(): void } | undefined;
let watchEnded = false;

/** Resolves with the first recorded event that matches, failing after `ms`. */
async function eventSeen(action: string, after: number, ms = 15_000): Promise<RuntimeEvent> {
  const deadline = Date.now() + ms;
  for (;;) {
    const e = events.slice(after).find((x) => x.action === action);
    if (e) return e;
    if (Date.now() > deadline) throw new Error(`no ${action} event within ${ms} ms (saw ${events.map((x) => x.action).join(', ')})`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('DockerRuntime on a real engine', () => {
  beforeAll(async () => {
    home = isolateHome();
    image = await requireDockerAndImage();
    watch = await runtime().watchEvents(
      labels(),
      (e) => events.push(e),
      () => {
        watchEnded = true;
      },
    );
    await runtime().createNetwork({ Name: NET, Internal: true, Labels: labelsFor(INSTANCE, 'rt'), IPAM: { Config: [{ Subnet: SUBNET }] } });
    node = await runtime().createContainer({
      name: NAME,
      Image: image,
      // tini passes signals on; sleep keeps the container up without the image's services.
      Entrypoint: ['/usr/bin/tini', '--', 'sleep', 'infinity'],
      Cmd: [],
      Labels: labelsFor(INSTANCE, 'rt', { [LABEL.node]: 'n1', [LABEL.role]: 'node' }),
      HostConfig: { NetworkMode: NET, Memory: 64 * 1024 * 1024, PidsLimit: 64, RestartPolicy: { Name: 'no' } },
    });
    await node.start();
  }, 300_000);

  afterAll(async () => {
    watch?.stop();
    await runtime().container(NAME).remove();
    await runtime().removeNetwork(NET);
    rmSync(home, { recursive: true, force: true });
  }, 60_000);

  it('names the handle it creates and pushes container events with their labels', async () => {
    expect(node.ref).toBe(NAME);
    const started = await eventSeen('start', 0);
    expect(started.labels[LABEL.node]).toBe('n1');
    expect(Math.abs(started.at - Date.now())).toBeLessThan(60_000);
    expect(watchEnded).toBe(false);
  });

  it('runs a command with exit code, separate streams, stdin, a byte limit and a timeout', async () => {
    const res = await node.exec(['bash', '-c', 'echo out; echo err >&2; exit 3']);
    expect(res).toMatchObject({ exitCode: 3, stdout: 'out\n', stderr: 'err\n' });
    expect((await node.exec(['cat'], { stdin: '主备 VIP\n' })).stdout).toBe('主备 VIP\n');
    expect((await node.exec(['head', '-c', '100000', '/dev/zero'], { maxBytes: 1000 })).stdout).toHaveLength(1000);
    const t = performance.now();
    expect((await node.exec(['sleep', '30'], { timeoutMs: 1000 })).exitCode).toBe(124);
    expect(performance.now() - t).toBeLessThan(10_000);
  }, 30_000);

  it('streams a long-running command as it prints, and ends when closed', async () => {
    const s = await node.execStream(['sh', '-c', 'echo first; sleep 30; echo never']);
    const first = await new Promise<string>((resolve) => {
      s.stdout.once('data', (chunk: Buffer) => {
        resolve(chunk.toString('utf8'));
      });
    });
    expect(first).toBe('first\n');
    s.close();
    await s.ended;
  }, 20_000);

  it('opens a TTY that can be resized and reports the exit code', async () => {
    const tty = await node.execTty(['bash', '-c', 'read x; stty size; echo "got:$x"; exit 7'], ['TERM=dumb']);
    let out = '';
    tty.stream.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    const ended = new Promise<void>((resolve) => {
      tty.stream.on('end', resolve);
      tty.stream.on('close', resolve);
    });
    await tty.resize(100, 40);
    tty.stream.write('hello\r');
    await ended;
    expect(out).toContain('40 100');
    expect(out).toContain('got:hello');
    // The engine records the exit a moment after the stream ends.
    await expect.poll(() => tty.inspect(), { timeout: 5000, interval: 50 }).toEqual({ running: false, exitCode: 7 });
  }, 20_000);

  it('unpacks a tar archive into the container', async () => {
    await node.putArchive(makeTar([{ path: '/tmp/halab-rt/注意.txt', content: 'keepalived\n', mode: 0o600 }]), '/');
    expect((await node.exec(['stat', '-c', '%a %s', '/tmp/halab-rt/注意.txt'])).stdout).toBe('600 11\n');
  });

  it('lists containers and networks by label', async () => {
    const list = await runtime().listContainers(labels());
    expect(list.map((c) => [c.name, c.state, c.labels[LABEL.node]])).toEqual([[NAME, 'running', 'n1']]);
    const nets = await runtime().listNetworks(ownedFilter(INSTANCE).label);
    expect(nets).toEqual([expect.objectContaining({ name: NET, subnets: [SUBNET] })]);
    expect((await runtime().networkMembers(nets[0]?.id ?? '')).length).toBe(1);
    expect((await runtime().listNetworks()).some((n) => n.name === NET)).toBe(true);
  });

  it('kills, starts again (a new startedAt) and tolerates repeats; exec in a stopped container is a 409', async () => {
    const before = await node.inspect();
    expect(before).toMatchObject({ running: true, paused: false, status: 'running' });
    const mark = events.length;
    await node.kill('SIGKILL');
    await eventSeen('die', mark);
    expect(await node.inspect()).toMatchObject({ running: false });
    await node.kill('SIGKILL');
    await expect(node.exec(['true'])).rejects.toMatchObject({ statusCode: 409 });
    await node.start();
    await node.start();
    const after = await node.inspect();
    expect(after?.running).toBe(true);
    expect(after?.startedAt).not.toBe(before?.startedAt);
  }, 30_000);

  it('answers for what does not exist: undefined, [], a 404, or nothing to do', async () => {
    const ghost = runtime().container(`halab-${INSTANCE}-ghost`);
    expect(await ghost.inspect()).toBeUndefined();
    await ghost.remove();
    const err: unknown = await ghost.exec(['true']).catch((e: unknown) => e);
    expect(isNotFound(err)).toBe(true);
    expect(await runtime().networkMembers(`halab-${INSTANCE}-no-net`)).toEqual([]);
    await runtime().removeNetwork(`halab-${INSTANCE}-no-net`);
    expect(await runtime().image('halab-no-such-image:none')).toBeUndefined();
    const real = await runtime().image(image);
    expect(real?.sizeBytes).toBeGreaterThan(1e6);
    expect(Date.parse(real?.created ?? '')).toBeGreaterThan(0);
  });

  it('removes a container, running or not, and says so in an event', async () => {
    const mark = events.length;
    await runtime().container(NAME).remove();
    await eventSeen('destroy', mark);
    expect(await node.inspect()).toBeUndefined();
    expect(await runtime().listContainers(labels())).toEqual([]);
  }, 30_000);
});
