// A second Docker engine on this machine for the tests of a class spread over several engines: its own
// dockerd with its own socket, data root and exec root, in its own network namespace, so its default
// bridge, its lab bridges and its firewall rules are its own and never touch the machine's engine (two
// engines in one namespace would rewrite each other's iptables chains). Seen from the classroom server it
// is an engine on another machine reached through a socket; the test can kill it and start it again.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, rmSync, readFileSync } from 'node:fs';
import Docker from 'dockerode';

export interface TestEngine {
  /** unix:///…/docker.sock, as an engines file names it. */
  host: string;
  socket: string;
  client: Docker;
  /** SIGKILL of dockerd: the engine stops answering at once, as a machine that went away. */
  kill(): Promise<void>;
  /** Starts dockerd again on the same data (after kill), resolved once it answers. */
  start(): Promise<void>;
  /** Removes everything it ran, stops it, and removes its folder and namespace. */
  destroy(): Promise<void>;
}

const START_BUDGET_MS = 90_000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function answers(client: Docker): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => {
      resolve(false);
    }, 2000);
  });
  const ok = await Promise.race([
    client.version().then(
      () => true,
      () => false,
    ),
    timeout,
  ]);
  clearTimeout(timer);
  return ok;
}

const run = (cmd: string, args: string[]): { ok: boolean; out: string } => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
};

/** `tag` keeps two runs apart: short, [a-z0-9] (it names the namespace and a folder under /var/tmp). */
export async function startTestEngine(tag: string): Promise<TestEngine> {
  if (process.getuid?.() !== 0) throw new Error('a second Docker engine needs root (the integration tests run as root, as CI does)');
  const dir = `/var/tmp/halab-engine-${tag}`;
  const netns = `halab-engine-${tag}`;
  const socket = `${dir}/docker.sock`;
  const client = new Docker({ socketPath: socket });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  run('ip', ['netns', 'del', netns]);
  const add = run('ip', ['netns', 'add', netns]);
  if (!add.ok) throw new Error(`ip netns add ${netns} failed: ${add.out}`);
  run('ip', ['-n', netns, 'link', 'set', 'lo', 'up']);
  let daemon: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    const log = openSync(`${dir}/dockerd.log`, 'a');
    // nsenter, not `ip netns exec`: that one remounts /sys, hiding the cgroup mounts dockerd needs.
    daemon = spawn(
      'nsenter',
      [`--net=/var/run/netns/${netns}`, 'dockerd', '--host', `unix://${socket}`, '--data-root', `${dir}/root`, '--exec-root', `${dir}/exec`, '--pidfile', `${dir}/docker.pid`, '--log-level', 'warn'],
      { detached: true, stdio: ['ignore', log, log] },
    );
    closeSync(log);
    daemon.unref();
    const deadline = Date.now() + START_BUDGET_MS;
    while (!(await answers(client))) {
      if (Date.now() > deadline) throw new Error(`the second engine did not answer within ${START_BUDGET_MS / 1000} s: ${readFileSync(`${dir}/dockerd.log`, 'utf8').slice(-2000)}`);
      if (daemon.exitCode !== null) throw new Error(`the second engine exited (${daemon.exitCode}): ${readFileSync(`${dir}/dockerd.log`, 'utf8').slice(-2000)}`);
      await sleep(250);
    }
  };

  const waitGone = async (pid: number): Promise<void> => {
    for (let i = 0; i < 240 && existsSync(`/proc/${pid}`); i++) await sleep(250);
  };

  await start();
  return {
    host: `unix://${socket}`,
    socket,
    client,
    start,
    kill: async () => {
      const pid = daemon?.pid;
      if (pid === undefined) return;
      process.kill(pid, 'SIGKILL');
      await waitGone(pid);
    },
    destroy: async () => {
      if (await answers(client)) {
        for (const c of await client.listContainers({ all: true }))
          await client
            .getContainer(c.Id)
            .remove({ force: true })
            .catch(() => undefined);
        await client.pruneNetworks().catch(() => undefined);
        const pid = daemon?.pid;
        if (pid !== undefined) {
          process.kill(pid, 'SIGTERM');
          await waitGone(pid);
        }
      } else if (daemon?.pid !== undefined && existsSync(`/proc/${daemon.pid}`)) {
        process.kill(daemon.pid, 'SIGKILL');
        await waitGone(daemon.pid);
      }
      // Shims of containers that outlived a killed engine, and whatever they left mounted.
      run('pkill', ['-KILL', '-f', `${dir}/`]);
      await sleep(200);
      const mounts = readFileSync('/proc/self/mounts', 'utf8')
        .split('\n')
        .map((l) => l.split(' ')[1] ?? '')
        .filter((m) => m.startsWith(`${dir}/`))
        .sort((a, b) => b.length - a.length);
      for (const m of mounts) run('umount', ['-l', m]);
      rmSync(dir, { recursive: true, force: true });
      run('ip', ['netns', 'del', netns]);
    },
  };
}
