// The token in the URL `halab serve` prints, in Chromium against the built host: the page
// removes it from the address bar as soon as it opens, adds no history entry with it, and a reload still
// reaches the app (the host's HttpOnly cookie carries the session, not the URL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/tempDirs.js';
import { AppSession } from './pages/AppSession.js';
import { LabListPage } from './pages/LabListPage.js';

describe('the token leaves the address bar (Chromium + browser host)', () => {
  let app: AppSession;

  beforeAll(async () => {
    app = new AppSession(makeTempDir('halab-e2e-token-'), 'e2e');
    await app.start();
  });

  afterAll(async () => {
    await app.close();
  });

  it('drops ?token= at once, keeps one history entry, and reloads into the app', async () => {
    const token = new URL(app.url).searchParams.get('token') ?? '';
    expect(token).not.toBe('');
    const entriesBefore = await app.page.evaluate<number>('window.history.length'); // about:blank
    await app.open();
    const list = new LabListPage(app.page);
    await list.waitFor('vrrp-pair');
    expect(app.page.url()).not.toContain(token);
    expect(new URL(app.page.url()).search).toBe('');
    // One entry for the visit, rewritten in place: none is left holding the token.
    expect(await app.page.evaluate<number>('window.history.length')).toBe(entriesBefore + 1);
    expect(await app.page.evaluate<number>('sessionStorage.length + localStorage.length')).toBe(0);
    // The cookie is HttpOnly: the page's scripts cannot read the token either.
    expect(await app.page.evaluate<string>('document.cookie')).not.toContain(token);
    await app.page.reload();
    await new LabListPage(app.page).waitFor('vrrp-pair');
    expect(app.page.url()).not.toContain(token);
  });
});
