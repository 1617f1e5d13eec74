// Stops and starts the machine's Docker engine for the fault tests. Where systemd runs Docker, through
// systemctl; otherwise the running dockerd is stopped with SIGTERM and started again with the same command
// line and log file, detached, as scripts/setup.sh started it. Needs root; says so clearly otherwise.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, readFileSync, readlinkSync, closeSync } from 'node:fs';
import { ensureDocker } from '../../electron/docker/client.js';

const PIDFILE = '/var/run/docker.pid';
const DEFAULT_LOG = '/var/log/dockerd.log';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface StoppedDaemon {
  /** Starts the engine again and resolves once it answers (at most 60 s). */
  start(): Promise<void>;
}

const systemdRunsDocker = (): boolean => spawnSync('systemctl', ['is-active', '--quiet', 'docker'], { stdio: 'ignore' }).status === 0;

async function waitFor(what: string, ok: () => Promise<boolean> | boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await ok()) return;
    await sleep(200);
  }
  throw new Error(`${what} within ${ms / 1000} s`);
}

const answers = async (): Promise<boolean> =>
  ensureDocker(2000).then(
    () => true,
    () => false,
  );

export async function stopDockerd(): Promise<StoppedDaemon> {
  if (process.getuid?.() !== 0) throw new Error('restarting the Docker engine needs root (run the fault tests as root, as CI does)');
  if (systemdRunsDocker()) {
    const stop = spawnSync('systemctl', ['stop', 'docker.socket', 'docker'], { encoding: 'utf8' });
    if (stop.status !== 0) throw new Error(`systemctl stop docker failed: ${stop.stderr}`);
    await waitFor('the engine still answers', async () => !(await answers()), 60_000);
    return {
      start: async () => {
        const start = spawnSync('systemctl', ['start', 'docker'], { encoding: 'utf8' });
        if (start.status !== 0) throw new Error(`systemctl start docker failed: ${start.stderr}`);
        await waitFor('the engine did not answer', answers, 60_000);
      },
    };
  }
  if (!existsSync(PIDFILE)) throw new Error(`no ${PIDFILE}: cannot find the running dockerd to restart`);
  const pid = Number(readFileSync(PIDFILE, 'utf8').trim());
  const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  if (!argv[0]?.endsWith('dockerd')) throw new Error(`pid ${pid} from ${PIDFILE} is not dockerd (${argv.join(' ')})`);
  let logPath = DEFAULT_LOG;
  try {
    const out = readlinkSync(`/proc/${pid}/fd/1`);
    if (out.startsWith('/') && !out.startsWith('/dev/')) logPath = out;
  } catch {
    // No readable stdout: the default log file will do.
  }
  process.kill(pid, 'SIGTERM');
  await waitFor(`dockerd (pid ${pid}) did not exit`, () => !existsSync(`/proc/${pid}`), 60_000);
  return {
    start: async () => {
      const log = openSync(logPath, 'a');
      const child = spawn(argv[0] ?? 'dockerd', argv.slice(1), { detached: true, stdio: ['ignore', log, log] });
      child.unref();
      closeSync(log);
      await waitFor(`the restarted dockerd did not answer (see ${logPath})`, answers, 60_000);
    },
  };
}
