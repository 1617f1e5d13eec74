// Every engine of a pool needs the lab image: the server copies it from an engine that has it (docker save
// piped into docker load, engine to engine through this process), so only one engine ever builds it.
import type { Readable } from 'node:stream';
import { UserError, errorMessage } from '../util/errors.js';
import type { EnginePool, PooledEngine } from './dockerEnginePool.js';

async function hasImage(e: PooledEngine, tag: string): Promise<boolean> {
  return (await e.runtime.image(tag)) !== undefined;
}

/** Copies `tag` to every engine that answers and lacks it; says what it copied, and how long it took. */
export async function spreadImage(pool: EnginePool, tag: string, say: (line: string) => void): Promise<string[]> {
  const live = pool.live();
  const holders = await Promise.all(live.map(async (e) => ({ e, has: await hasImage(e, tag) })));
  const source = holders.find((h) => h.has)?.e;
  const missing = holders.filter((h) => !h.has).map((h) => h.e);
  if (missing.length === 0) return [];
  if (!source) throw new UserError(`No engine of this server has the image ${tag}.`, { fix: 'Build it on the first engine: halab image build.', code: 'E_IMAGE_BUILD' });
  const copied: string[] = [];
  for (const target of missing) {
    const started = Date.now();
    try {
      const tar = (await source.client.getImage(tag).get()) as unknown as Readable;
      const loading = (await target.client.loadImage(tar)) as unknown as Readable;
      // docker load answers with a progress stream: the image exists once it ends.
      await new Promise<void>((resolveLoad, rejectLoad) => {
        loading.on('error', rejectLoad);
        loading.on('end', resolveLoad);
        loading.resume();
      });
      if (!(await hasImage(target, tag))) throw new Error('the engine did not list it after loading');
    } catch (err) {
      throw new UserError(`Copying the image ${tag} from engine "${source.config.name}" to "${target.config.name}" failed: ${errorMessage(err)}`, {
        fix: `Load it there by hand (docker save ${tag} | docker -H ${target.config.host} load), then start again.`,
        code: 'E_IMAGE_BUILD',
      });
    }
    say(`[engines] image ${tag} copied to "${target.config.name}" in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    copied.push(target.config.name);
  }
  return copied;
}
