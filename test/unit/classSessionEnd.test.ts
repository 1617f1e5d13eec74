// A link that stops signing in while its pages are open: the host ends every socket it opened at once,
// with a `session.ended` event saying why and then a close with that reason's code, so a removed
// learner's tab stops working there and then. Others' pages go on. A reissue from another process on the
// same class file (`halab classroom links --reissue`) reaches the running server's sockets the same way.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_END_CODES } from '../../common/sessionEnd.js';
import { ClassStore } from '../../electron/classroom/classStore.js';
import { INSTRUCTOR } from '../../electron/classroom/types.js';
import { ClassSocketsFixture, type PageSocket } from '../helpers/classSockets.js';

let fx: ClassSocketsFixture;

beforeEach(async () => {
  fx = await new ClassSocketsFixture().start({ pollMs: 50 });
});
afterEach(async () => {
  await fx.close();
});

const endedWith = async (page: PageSocket): Promise<{ code: number; event: unknown }> => {
  const { code } = await page.closed;
  return { code, event: page.events.find((e) => e.event === 'session.ended')?.payload };
};

describe('ending the pages of a link that no longer signs in', () => {
  it("ends a removed learner's sockets at once, saying why; the others keep working", async () => {
    const anna = await fx.open(fx.token('l01'));
    const annaTab2 = await fx.open(fx.token('l01'));
    const ben = await fx.open(fx.token('l02'));
    const teacher = await fx.open(fx.token(INSTRUCTOR));
    expect(await anna.call('session.info')).toEqual({ role: 'learner' });

    fx.store.removeLearner('l01');
    for (const page of [anna, annaTab2]) expect(await endedWith(page)).toEqual({ code: SESSION_END_CODES.removed, event: { reason: 'removed' } });
    expect(await ben.call('session.info')).toEqual({ role: 'learner' });
    expect(await teacher.call('session.info')).toEqual({ role: 'instructor' });
    // The dead link's next socket (a page back from sleep, with its cookie) is told why and closed, so the
    // page stops retrying and says so; a token never issued gets the bare refusal.
    const again = await fx.open(fx.token('l01'));
    expect(await endedWith(again)).toEqual({ code: SESSION_END_CODES.removed, event: { reason: 'removed' } });
    await expect(fx.open('A'.repeat(43))).rejects.toThrow(/403/);
  });

  it('ends the sockets of a replaced link as "replaced" and of a revoked one as "revoked"', async () => {
    const anna = await fx.open(fx.token('l01'));
    const ben = await fx.open(fx.token('l02'));
    const fresh = fx.store.reissue('l01');
    expect(await endedWith(anna)).toEqual({ code: SESSION_END_CODES.replaced, event: { reason: 'replaced' } });
    const annaAgain = await fx.open(fresh);
    expect(await annaAgain.call('session.info')).toEqual({ role: 'learner' });

    fx.store.revokeTokens('l02');
    expect(await endedWith(ben)).toEqual({ code: SESSION_END_CODES.revoked, event: { reason: 'revoked' } });
    expect(await annaAgain.call('session.info')).toEqual({ role: 'learner' });
  });

  it('hears a reissue made by another process on the same class file', async () => {
    const anna = await fx.open(fx.token('l01'));
    const ben = await fx.open(fx.token('l02'));
    // Another connection is what `halab classroom links --reissue l01` run beside the server is.
    const other = ClassStore.open(fx.file);
    try {
      other.reissue('l01');
    } finally {
      other.close();
    }
    expect(await endedWith(anna)).toEqual({ code: SESSION_END_CODES.replaced, event: { reason: 'replaced' } });
    expect(await ben.call('session.info')).toEqual({ role: 'learner' });
  });
});
