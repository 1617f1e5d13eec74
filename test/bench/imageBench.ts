// The lab node image: its size, and with --build the time of an offline build. The build goes to a tag of
// its own, removed afterwards, so labs running on this machine keep their image throughout.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { canBuildOffline, imageSizeBytes } from '../../electron/image/buildImage.js';
import { docker } from '../../electron/docker/client.js';
import { containersDir } from '../../electron/util/paths.js';
import { round } from './stats.js';

const BUILD_TAG = `halab-node:bench-build-${process.pid}`;
const BUILD_TIMEOUT_MS = 20 * 60_000;

/** Runs the offline builder for BUILD_TAG, passing its progress lines on; resolves with the exit code. */
function buildOffline(log: (line: string) => void): Promise<number> {
  return new Promise((resolveBuild, rejectBuild) => {
    const child = spawn('bash', [join(containersDir(), 'build-offline.sh'), BUILD_TAG], { cwd: containersDir(), stdio: ['ignore', 'pipe', 'pipe'], timeout: BUILD_TIMEOUT_MS });
    const onData = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.startsWith('[image]')) log(line);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', rejectBuild);
    child.on('close', (code) => {
      resolveBuild(code ?? 1);
    });
  });
}

export async function imageFigures(image: string, build: boolean, log: (line: string) => void): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = { image, image_mb: round((await imageSizeBytes(image)) / 1e6, 1) };
  if (!build) return { ...result, image_build_offline_s: null };
  if (!canBuildOffline()) return { ...result, image_build_offline_s: null, image_build_offline_note: 'the offline builder needs root and debootstrap' };
  try {
    const t = performance.now();
    const code = await buildOffline(log);
    if (code !== 0) throw new Error(`the offline image build exited ${code}`);
    return { ...result, image_build_offline_s: round((performance.now() - t) / 1000, 1), image_build_offline_mb: round((await imageSizeBytes(BUILD_TAG)) / 1e6, 1) };
  } finally {
    await docker()
      .getImage(BUILD_TAG)
      .remove()
      .catch(() => undefined);
  }
}
