// The lab list and the lessons as a learner meets them in Chromium through the browser host (the build in
// dist/): the cards in the course's order, a lesson in both languages, and a link in a lesson that opens the
// lab it names. No lab is started. Screenshots go to test-artifacts/lessons/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolateHome } from '../helpers/integration.js';
import { AppSession } from './pages/AppSession.js';
import { LabListPage } from './pages/LabListPage.js';
import { LabPage } from './pages/LabPage.js';

/** The first cards of the lab list, in the order the course teaches them. */
const COURSE_START = ['nginx-warmup', 'lb-layer', 'vrrp-pair', 'nopreempt', 'failure-modes'];

let app: AppSession;

describe('lessons in the app (Chromium + browser host)', () => {
  beforeAll(async () => {
    app = new AppSession(isolateHome(), 'lessons');
    await app.start();
  });

  afterAll(async () => {
    await app.close();
  });

  it('lists the labs in the course order, in both languages', async () => {
    await app.open();
    const list = new LabListPage(app.page);
    await list.waitFor('failure-modes');
    expect((await list.labIds()).slice(0, COURSE_START.length)).toEqual(COURSE_START);
    await app.shot('01-lab-list-en');
    await app.chooseLanguage('zh-CN');
    await app.page.getByText('主节点真的挂了：几种故障方式').first().waitFor();
    await app.shot('02-lab-list-zh');
  });

  it('opens another lab from a link in a lesson, in zh-CN and in English', async () => {
    const page = app.page;
    await new LabListPage(page).open('failure-modes');
    const lesson = new LabPage(page, 'failure-modes');
    await lesson.openIntro();
    const zhLink = lesson.labLink('第一对 VRRP 主备');
    await zhLink.waitFor({ timeout: 15_000 });
    await app.shot('03-failure-modes-intro-zh');
    await zhLink.click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/lab/vrrp-pair');
    await new LabPage(page, 'vrrp-pair').view().waitFor();

    await page.goBack();
    await lesson.view().waitFor();
    await app.chooseLanguage('en');
    await lesson.openIntro();
    await lesson.labLink('The first VRRP pair').waitFor({ timeout: 15_000 });
    await page.getByText('When the master really fails').first().waitFor();
    await app.shot('04-failure-modes-intro-en');
    await lesson.selectStep(1); // 0-based: the second step
    await page.getByRole('heading', { name: 'Step 2: keepalived killed with SIGKILL' }).waitFor();
    await app.shot('05-failure-modes-step2-en');
  });
});
