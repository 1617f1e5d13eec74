// system.status (Docker, the lab image, kernel features, the default language) and image.build.
import type { Handlers } from '../handlerTypes.js';
import type { SystemStatus } from '../../../common/contract.js';
import { broadcast } from '../dispatch.js';
import { runtime } from '../../runtime/current.js';
import { buildImage, canBuildOffline, imageExists } from '../../image/buildImage.js';
import { imageTag } from '../../image/imageTag.js';
import { defaultLang } from '../../system/defaultLang.js';
import { kernelFeatures } from '../../system/kernelFeatures.js';
import { UserError, errorMessage } from '../../util/errors.js';

let building: Promise<string> | undefined;

async function status(): Promise<SystemStatus> {
  const tag = await imageTag();
  const [docker, kernel] = await Promise.all([
    runtime()
      .version()
      .then(
        (v) => ({ ok: true, version: v.version }),
        (err: unknown) => ({ ok: false, message: errorMessage(err), ...(err instanceof UserError && err.fix ? { fix: err.fix } : {}) }),
      ),
    kernelFeatures(),
  ]);
  const present = docker.ok ? await imageExists(tag).catch(() => false) : false;
  return {
    docker,
    image: { tag, present, building: !!building, canBuildOffline: canBuildOffline() },
    kernel: kernel.map((k) => ({ name: k.name, ok: k.ok, detail: k.ok || !k.fix ? k.detail : `${k.detail}: ${k.fix}` })),
    defaultLang: defaultLang(),
  };
}

/** One build at a time: a second call joins the build in progress. Every line goes to every window. */
export function buildImageShared(): Promise<string> {
  building ??= (async () => {
    try {
      await runtime().version();
      const tag = await buildImage({
        onProgress: (line) => {
          broadcast('image.progress', { line, done: false });
        },
      });
      broadcast('image.progress', { line: `${tag} ready`, done: true });
      return tag;
    } catch (err) {
      broadcast('image.progress', { line: errorMessage(err), done: true, error: errorMessage(err) });
      throw err;
    } finally {
      building = undefined;
    }
  })();
  return building;
}

export const systemHandlers: Handlers = {
  'system.status': () => status(),
  'image.build': async () => ({ tag: await buildImageShared() }),
};
