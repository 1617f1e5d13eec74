// A test page for test/e2e/classGridLayout.test.ts: the app's header and the instructor's dashboard with
// the app's stylesheets, fed a class of any size by a fake API, in a blank page. Bundled by
// test/helpers/bundlePage.ts; driven through `window.halabClassPage`.
import { h, render } from 'preact';
import type { Lang } from '../../../../common/contract.js';
import { alwaysOpen } from '../../../../renderer/api/connection.js';
import { Header } from '../../../../renderer/app/Header.js';
import { ClassDashboard } from '../../../../renderer/classroom/ClassDashboard.js';
import { I18nProvider } from '../../../../renderer/i18n/context.js';
import { createLangState } from '../../../../renderer/i18n/langState.js';
import { bigGrid, withEngines } from '../classFixture.js';
import { LabLostNotice } from '../../../../renderer/classroom/LabLostNotice.js';
import { fakeApi, labDetail } from '../rendererFakeApi.js';
import '../../../../renderer/styles/base.css';
import '../../../../renderer/styles/app.css';
import '../../../../renderer/styles/lab.css';
import '../../../../renderer/styles/classroom.css';

export interface ClassPageCase {
  lang: Lang;
  learners: number;
  steps: number;
  /** Two engines, the second lost with two learners' labs. */
  engines?: boolean;
}

export interface ClassPageHooks {
  /** Renders the class and resolves once its grid is shown. */
  show(c: ClassPageCase): Promise<void>;
  /** Renders a learner's page as the engine of their lab is lost. */
  showLabLost(lang: Lang): Promise<void>;
}

declare global {
  interface Window {
    halabClassPage: ClassPageHooks;
  }
}

const session = { role: 'instructor', className: 'HA 101 — 高可用运维实训（周二班）' } as const;
const messages = [{ seq: 1, text: 'Step 3 together in 10 minutes', at: '2026-03-02T09:05:00.000Z' }];

window.halabClassPage = {
  async show(c) {
    const root = document.getElementById('app');
    if (!root) throw new Error('no #app in the page');
    const grid = c.engines ? withEngines(bigGrid(c.learners, c.steps)) : bigGrid(c.learners, c.steps);
    const api = fakeApi({ 'class.grid': () => grid, 'class.watch': () => ({ ok: true }), 'class.messages': () => messages });
    const langState = createLangState({ languages: [c.lang] });
    render(null, root);
    render(
      h(
        I18nProvider,
        { langState },
        h(
          'div',
          { class: 'app' },
          h(Header, { api, inLab: false, ready: true, onHome: () => undefined, session, inClass: true, messages }),
          h('main', { class: 'app-main app-main-class' }, h(ClassDashboard, { api, connection: alwaysOpen(), session, messages, onMessageSent: () => undefined })),
        ),
      ),
      root,
    );
    const deadline = Date.now() + 10_000;
    while (!root.querySelector('[data-testid="class-grid"] tbody tr') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  },
  async showLabLost(lang) {
    const root = document.getElementById('app');
    if (!root) throw new Error('no #app in the page');
    const learner = { role: 'learner', className: session.className, learner: { id: 'l02', name: '李娜' } } as const;
    const api = fakeApi({ 'class.messages': () => [], 'labs.get': () => labDetail({ running: false }) });
    const langState = createLangState({ languages: [lang] });
    render(null, root);
    render(
      h(
        I18nProvider,
        { langState },
        h('div', { class: 'app' }, h(Header, { api, inLab: true, ready: true, onHome: () => undefined, session: learner, inClass: true, messages: [] }), h(LabLostNotice, { api })),
      ),
      root,
    );
    // The notice listens once it has rendered: the event is sent as the host would, after that.
    const deadline = Date.now() + 10_000;
    while (api.listenerCount('lab.lost') === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    api.emit('lab.lost', { lab: 'vrrp-pair', engine: 'rack-2', at: '2026-03-02T09:41:07.000Z' });
    while (!root.querySelector('[data-testid="lab-lost-notice"]')?.textContent?.includes('VRRP') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  },
};
