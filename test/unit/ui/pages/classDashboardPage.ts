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
import { bigGrid } from '../classFixture.js';
import { fakeApi } from '../rendererFakeApi.js';
import '../../../../renderer/styles/base.css';
import '../../../../renderer/styles/app.css';
import '../../../../renderer/styles/lab.css';
import '../../../../renderer/styles/classroom.css';

export interface ClassPageCase {
  lang: Lang;
  learners: number;
  steps: number;
}

export interface ClassPageHooks {
  /** Renders the class and resolves once its grid is shown. */
  show(c: ClassPageCase): Promise<void>;
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
    const grid = bigGrid(c.learners, c.steps);
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
};
