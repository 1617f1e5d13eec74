// One person, many pages: a learner's link open in two tabs works in both (each its own session, both
// hearing the learner's events), and one person may hold MAX_SOCKETS_PER_PERSON sockets; the one past
// it is told why and closed, while everyone else still connects.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_END_CODES } from '../../common/sessionEnd.js';
import { MAX_SOCKETS_PER_PERSON } from '../../electron/classroom/classAccess.js';
import { INSTRUCTOR } from '../../electron/classroom/types.js';
import { ClassSocketsFixture, type PageSocket } from '../helpers/classSockets.js';

let fx: ClassSocketsFixture;

beforeEach(async () => {
  fx = await new ClassSocketsFixture().start();
});
afterEach(async () => {
  await fx.close();
});

const heard = (page: PageSocket, text: string): Promise<void> =>
  new Promise((resolve) => {
    const look = (): void => {
      if (page.events.some((e) => e.event === 'class.message' && (e.payload as { text: string }).text === text)) resolve();
      else page.ws.once('message', look);
    };
    look();
  });

describe('one person, many pages', () => {
  it("works in two tabs of the same learner's link at once", async () => {
    const tab1 = await fx.open(fx.token('l01'));
    const tab2 = await fx.open(fx.token('l01'));
    const other = await fx.open(fx.token('l02'));
    expect(await tab1.call('session.info')).toEqual({ role: 'learner' });
    expect(await tab2.call('session.info')).toEqual({ role: 'learner' });
    // An event of the learner's own scope reaches both tabs, and not the other learner.
    await tab1.call('class.message', { text: 'from tab 1' });
    await Promise.all([heard(tab1, 'from tab 1'), heard(tab2, 'from tab 1')]);
    await other.call('session.info');
    expect(other.events.some((e) => e.event === 'class.message')).toBe(false);
  });

  it(`refuses a person's socket past ${MAX_SOCKETS_PER_PERSON} with the reason, and nobody else's`, async () => {
    const pages = await Promise.all(Array.from({ length: MAX_SOCKETS_PER_PERSON }, () => fx.open(fx.token('l01'))));
    const past = await fx.open(fx.token('l01'));
    const { code, reason } = await past.closed;
    expect(code).toBe(SESSION_END_CODES.tooManyTabs);
    expect(reason).toMatch(new RegExp(`at most ${MAX_SOCKETS_PER_PERSON}`));
    expect(past.events).toEqual([{ event: 'session.ended', payload: { reason: 'tooManyTabs', limit: MAX_SOCKETS_PER_PERSON } }]);
    // The learner's open pages, another learner and the instructor are unaffected.
    for (const page of pages) expect(await page.call('session.info')).toEqual({ role: 'learner' });
    expect(await (await fx.open(fx.token('l02'))).call('session.info')).toEqual({ role: 'learner' });
    expect(await (await fx.open(fx.token(INSTRUCTOR))).call('session.info')).toEqual({ role: 'instructor' });
    // A page closed frees its place.
    pages[0]?.ws.close();
    await pages[0]?.closed;
    const again = await fx.open(fx.token('l01'));
    expect(await again.call('session.info')).toEqual({ role: 'learner' });
  });
});
