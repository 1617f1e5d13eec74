// Shared set-up for tests on real containers: Docker must be reachable (a missing engine fails the test,
// it is never skipped), each test file gets its own HALAB_HOME, and helpers clean what they create.
import { join } from 'node:path';
import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { ensureDocker, docker } from '../../electron/docker/client.js';
import { ensureImage } from '../../electron/image/buildImage.js';
import { ownedFilter } from '../../electron/docker/labels.js';
import { projectRoot } from '../../electron/util/paths.js';
import { makeTempDir } from './tempDirs.js';

export const FIXTURE_PAIR = join(projectRoot(), 'test', 'fixtures', 'pair');

export function isolateHome(): string {
  const home = makeTempDir('halab-it-');
  process.env.HALAB_HOME = home;
  return home;
}

/** Throws (fails the test) when Docker is missing; builds the lab image if needed. */
export async function requireDockerAndImage(): Promise<string> {
  await ensureDocker();
  return ensureImage((line) => process.stderr.write(`${line}\n`));
}

/** Containers and networks of this HALAB_HOME still present. */
export async function leftovers(instance?: string): Promise<{ containers: number; networks: number }> {
  const [c, n] = await Promise.all([docker().listContainers({ all: true, filters: ownedFilter(instance) }), docker().listNetworks({ filters: ownedFilter(instance) })]);
  return { containers: c.length, networks: n.length };
}

/** Runs the CLI from source (tsx, so no build is needed), in this test's HALAB_HOME. */
export function halab(args: string[], env: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot(), 'electron', 'cli', 'halab.ts'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 300_000,
  });
}

/** Starts the CLI from source in the background (for tests that interrupt it). */
export function spawnHalab(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(projectRoot(), 'electron', 'cli', 'halab.ts'), ...args], { env: process.env, stdio: 'ignore' });
}

/** Waits (at most 60 s) until the instance's network exists: `up` is then mid-way through creating nodes. */
export async function waitForNetwork(instance: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && (await docker().listNetworks({ filters: ownedFilter(instance) })).length === 0) {
    await new Promise((r) => setTimeout(r, 25));
  }
}
