// packdev.watch and packdev.selfTest: the pack folder open for authoring (`halab pack dev`, the desktop's
// "Open pack folder"), for this machine's own user only: a classroom's learners and instructor never see it.
import type { HandlerContext, Handlers } from '../handlerTypes.js';
import { currentPackDev, type PackDev } from '../../packdev/packDev.js';
import { selfTestPack } from '../../packdev/packDevSelfTest.js';
import { UserError } from '../../util/errors.js';

function openFolder(ctx: HandlerContext): PackDev {
  if (ctx.role !== 'owner') throw new UserError('Pack authoring is for the machine’s own user.', { code: 'E_FORBIDDEN' });
  const dev = currentPackDev();
  if (!dev) throw new UserError('No pack folder is open.', { fix: 'Run halab pack dev <folder>, or choose File > Open pack folder in the app.', code: 'E_NO_LAB' });
  return dev;
}

/** Each session's subscription, with the folder it listens to (another folder opened later needs a new one). */
const watching = new Map<string, { dev: PackDev; off: () => void }>();

function stopWatching(session: string): void {
  watching.get(session)?.off();
  watching.delete(session);
}

export const packDevHandlers: Handlers = {
  'packdev.watch': ({ on }, ctx) => {
    const dev = openFolder(ctx);
    if (!on) {
      stopWatching(ctx.session);
      return Promise.resolve(dev.state());
    }
    if (watching.get(ctx.session)?.dev !== dev) {
      const first = !watching.has(ctx.session);
      stopWatching(ctx.session);
      const off = dev.subscribe((state) => {
        ctx.emit('packdev.update', state);
      });
      watching.set(ctx.session, { dev, off });
      if (first)
        ctx.onClose(() => {
          stopWatching(ctx.session);
        });
    }
    return Promise.resolve(dev.state());
  },
  'packdev.selfTest': (_input, ctx) =>
    selfTestPack(openFolder(ctx).dir, (event) => {
      ctx.emit('packdev.selfTest', event);
    }),
};
