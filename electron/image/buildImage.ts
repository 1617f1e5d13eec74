// Makes sure the lab image exists, building it with visible progress when it does not.
// Two builders: `docker build` (needs a registry for the Debian base) and the offline debootstrap builder.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runtime } from '../runtime/current.js';
import { containersDir } from '../util/paths.js';
import { UserError } from '../util/errors.js';
import { imageTag } from './imageTag.js';

export type ProgressFn = (line: string) => void;

export async function imageExists(tag: string): Promise<boolean> {
  return (await runtime().image(tag)) !== undefined;
}

export async function imageSizeBytes(tag: string): Promise<number> {
  const info = await runtime().image(tag);
  if (!info) throw new Error(`there is no image ${tag}`);
  return info.sizeBytes;
}

/** The offline builder needs root and debootstrap; where both exist it is the one that works without a registry. */
export function canBuildOffline(): boolean {
  return process.getuid?.() === 0 && ['/usr/sbin/debootstrap', '/usr/bin/debootstrap'].some((p) => existsSync(p));
}

function run(cmd: string, args: string[], onLine: ProgressFn): Promise<number> {
  return new Promise((resolveRun, rejectRun) => {
    const child = spawn(cmd, args, { cwd: containersDir(), stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const feed = (chunk: Buffer): void => {
      tail += chunk.toString('utf8');
      const lines = tail.split('\n');
      tail = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) onLine(line);
    };
    child.stdout.on('data', feed);
    child.stderr.on('data', feed);
    child.on('error', rejectRun);
    child.on('close', (code) => {
      if (tail.trim()) onLine(tail);
      resolveRun(code ?? 1);
    });
  });
}

export async function buildImage(opts: { offline?: boolean; onProgress?: ProgressFn } = {}): Promise<string> {
  const tag = await imageTag();
  const onLine = opts.onProgress ?? ((): void => undefined);
  const offline = opts.offline ?? canBuildOffline();
  const started = Date.now();
  onLine(`[image] building ${tag} ${offline ? 'offline (debootstrap)' : 'with docker build'}`);
  const code = offline ? await run('bash', [join(containersDir(), 'build-offline.sh'), tag], onLine) : await run('docker', ['build', '--progress=plain', '-t', tag, containersDir()], onLine);
  if (code !== 0) {
    throw new UserError(`Building the lab image ${tag} failed (exit ${code}).`, {
      fix: offline
        ? 'The offline builder needs root, debootstrap and a reachable Debian package mirror; see the lines above.'
        : 'docker build needs a registry for debian:bookworm-slim. Without one, run as root: halab image build --offline',
      code: 'E_IMAGE_BUILD',
    });
  }
  onLine(`[image] ${tag} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return tag;
}

/** Returns the tag of the current lab image, building it first when missing. */
export async function ensureImage(onProgress?: ProgressFn): Promise<string> {
  const tag = await imageTag();
  if (await imageExists(tag)) return tag;
  onProgress?.(`[image] ${tag} is not built yet: building it now (first use only)`);
  return buildImage(onProgress ? { onProgress } : {});
}
