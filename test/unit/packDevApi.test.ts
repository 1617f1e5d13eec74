// packdev.watch through the API's dispatcher: the machine's own user gets the open folder's state and every
// reload as packdev.update (once, however often it watches); a classroom's learner or instructor is refused; without
// an open folder the answer says how to open one. The open folder's pack is listed first (labs.list).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../common/contract.js';
import type { PackDevState } from '../../common/packDev.js';
import { createDispatcher, createSession } from '../../electron/api/dispatch.js';
import { allHandlers } from '../../electron/api/handlers/index.js';
import { catalog } from '../../electron/labs/catalog.js';
import { closePackDev, openPackDev } from '../../electron/packdev/packDev.js';
import { localScope } from '../../electron/core/learnerScope.js';
import { MINIMAL_MANIFEST, writePack } from '../helpers/minimalPack.js';

const dispatcher = createDispatcher(allHandlers, () => undefined);
const EVENT_WAIT_MS = 15_000;

function ownerSession(): { session: ReturnType<typeof createSession>; updates: PackDevState[]; next: (ok: (s: PackDevState) => boolean) => Promise<PackDevState> } {
  const updates: PackDevState[] = [];
  const waiters: { ok: (s: PackDevState) => boolean; resolve: (s: PackDevState) => void }[] = [];
  const session = createSession((event: EventName, payload: unknown) => {
    if (event !== 'packdev.update') return;
    const s = payload as PackDevState;
    updates.push(s);
    for (const w of waiters.filter((x) => x.ok(s))) w.resolve(s);
  });
  const next = (ok: (s: PackDevState) => boolean): Promise<PackDevState> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`no matching packdev.update within ${EVENT_WAIT_MS} ms`));
      }, EVENT_WAIT_MS);
      waiters.push({
        ok,
        resolve: (s) => {
          clearTimeout(timer);
          resolve(s);
        },
      });
    });
  return { session, updates, next };
}

describe('packdev.watch', () => {
  afterEach(() => {
    closePackDev();
  });

  it('says how to open a folder when none is open', async () => {
    const { session } = ownerSession();
    const reply = await dispatcher.dispatch('packdev.watch', { on: true }, session.ctx);
    expect(reply).toMatchObject({ error: { code: 'E_NO_LAB', fix: expect.stringContaining('halab pack dev') as unknown } });
    session.close();
  });

  it('is refused to a classroom learner or instructor', async () => {
    await openPackDev(await writePack());
    for (const role of ['learner', 'instructor'] as const) {
      const session = createSession(
        () => undefined,
        () => undefined,
        { scope: localScope, role },
      );
      expect(await dispatcher.dispatch('packdev.watch', { on: true }, session.ctx)).toMatchObject({ error: { code: 'E_FORBIDDEN' } });
      expect(await dispatcher.dispatch('packdev.selfTest', {}, session.ctx)).toMatchObject({ error: { code: 'E_FORBIDDEN' } });
      session.close();
    }
  });

  it('lists the open pack first and pushes each reload to the watching session, once however often it watches', async () => {
    const dir = await writePack();
    const dev = await openPackDev(dir, { debounceMs: 20 });
    expect((await catalog())[0]?.dir).toBe(dev.dir);
    const { session, updates, next } = ownerSession();
    const reply = await dispatcher.dispatch('packdev.watch', { on: true }, session.ctx);
    expect(reply).toMatchObject({ result: { preview: { id: 'tiny' } } });

    const renamed = next((s) => s.preview?.title.en === 'Tiny two');
    await writeFile(join(dir, 'lab.yaml'), MINIMAL_MANIFEST.replace('en: Tiny,', 'en: Tiny two,'));
    await renamed;

    // Watching again (a reconnect's re-watch) does not double what the session hears.
    await dispatcher.dispatch('packdev.watch', { on: true }, session.ctx);
    const before = updates.length;
    dev.reload();
    await dev.settled();
    expect(updates.length).toBe(before + 1);
    session.close();
  });
});
