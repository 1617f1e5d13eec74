// The instructor watches one learner's lab in Chromium: a classroom server started in this process (serving
// the build in dist/) on real containers, the instructor and a learner each in their own browser context.
// From a learner's row the instructor opens a read-only view: "not running" for a learner whose lab is not
// started; for one who works, their live topology and, as they type, their command and its output in a
// terminal the instructor cannot type into. Both languages; screenshots in test-artifacts/class-inspect/
// and /tmp/shots-b/.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClassroom, type RunningClassroom } from '../../electron/classroom/classroomServer.js';
import { ClassStore } from '../../electron/classroom/classStore.js';
import { down } from '../../electron/topology/manager.js';
import { projectRoot } from '../../electron/util/paths.js';
import { isolateHome, leftovers, requireDockerAndImage } from '../helpers/integration.js';
import { makeTempDir } from '../helpers/tempDirs.js';
import { ClassDashboardPage } from './pages/ClassDashboardPage.js';
import { ClassroomBrowser } from './pages/ClassroomBrowser.js';
import { LabListPage } from './pages/LabListPage.js';
import { LabPage } from './pages/LabPage.js';
import { LearnerInspectPage } from './pages/LearnerInspectPage.js';

const LAB = 'vrrp-pair';
// Learner ids make the instance names (tb-cai-vrrp-pair): this file's own.
const CAI = 'tb-cai';
const DAN = 'tb-dan';
const ARTIFACTS = 'class-inspect';
const SHOTS = '/tmp/shots-b';

let room: RunningClassroom;
let browser: ClassroomBrowser;
let teacher: ClassDashboardPage;
let inspect: LearnerInspectPage;
let learner: Page;

async function shot(page: Page, name: string): Promise<void> {
  await browser.shot(page, name);
  mkdirSync(SHOTS, { recursive: true });
  copyFileSync(join(projectRoot(), 'test-artifacts', ARTIFACTS, `${name}.png`), join(SHOTS, `${name}.png`));
}

describe("the instructor watches a learner's lab, read-only (classroom server + real containers + Chromium)", () => {
  beforeAll(async () => {
    isolateHome();
    await requireDockerAndImage();
    const dir = makeTempDir('halab-tb-e2e-inspect-');
    const store = ClassStore.open(join(dir, 'class.db'), { create: true });
    store.setClass({ name: 'tb-e2e-inspect', labs: [LAB] });
    store.addLearners([
      { id: CAI, name: '蔡明' },
      { id: DAN, name: 'Dana Whitfield' },
    ]);
    store.close();
    room = await startClassroom({ dir, name: 'tb-e2e-inspect', port: 0, bind: '127.0.0.1', log: () => undefined });
    browser = new ClassroomBrowser(ARTIFACTS);
    await browser.start();
    teacher = new ClassDashboardPage(await browser.open(room.instructorUrl));
    await teacher.waitFor();
    inspect = new LearnerInspectPage(teacher.page);
  });

  afterAll(async () => {
    await browser.close();
    await room.close();
    for (const id of [CAI, DAN]) await down(`${id}-${LAB}`);
    expect(await leftovers()).toEqual({ containers: 0, networks: 0 });
  });

  it('says "not running" for a learner who has not started the lab, in both languages, and goes back to the grid', async () => {
    await shot(teacher.page, 'inspect-grid-en');
    await inspect.openFromGrid(DAN, LAB);
    await inspect.notRunning().waitFor({ timeout: 30_000 });
    expect(await inspect.notRunning().textContent()).toContain('The lab is not running.');
    expect(await inspect.readOnlyMark().textContent()).toContain('Read-only');
    expect(await inspect.root().textContent()).toContain('Dana Whitfield');
    await shot(teacher.page, 'inspect-not-running-en');
    await teacher.page.getByTestId('lang-switch').selectOption('zh-CN');
    await expect.poll(async () => inspect.notRunning().textContent(), { timeout: 10_000 }).toContain('实验没有在运行');
    expect(await inspect.readOnlyMark().textContent()).toContain('只读');
    await shot(teacher.page, 'inspect-not-running-zh-CN');
    await teacher.page.getByTestId('lang-switch').selectOption('en');
    await inspect.back();
    expect(await teacher.learnerIds()).toEqual([CAI, DAN]);
  });

  it("shows the learner's topology and, live, the command they type, in a terminal the instructor cannot type into", async () => {
    learner = await browser.open(`${room.host.origin}/?token=${room.room.store.issueToken(CAI)}`);
    await new LabListPage(learner).open(LAB);
    const lab = new LabPage(learner, LAB);
    await lab.start();
    await lab.terminals.run('client', 'echo "before the instructor looked: $((6*7))"');
    await lab.terminals.see('client', 'before the instructor looked: 42');

    await inspect.openFromGrid(CAI, LAB);
    await inspect.node('lb01').waitFor({ timeout: 60_000 });
    await teacher.page.locator('[data-testid="class-inspect"] [data-testid="topo-node-lb01"][data-state="running"]').waitFor({ timeout: 60_000 });
    expect(await inspect.notRunning().count()).toBe(0);
    await inspect.showTerminal('client');
    // What was on the learner's screen when the view opened, then what they type now.
    await inspect.see('client', 'before the instructor looked: 42');
    await lab.terminals.run('client', 'echo "typed by the learner: $((7*6))"');
    await inspect.see('client', 'echo "typed by the learner: $((7*6))"');
    await inspect.see('client', 'typed by the learner: 42');

    // Keys pressed on the instructor's screen go nowhere.
    await inspect.terminal('client').click();
    await teacher.page.keyboard.type('echo "the instructor typed $((5*5))"');
    await teacher.page.keyboard.press('Enter');
    await lab.terminals.run('client', 'echo "marker: $((8*8))"');
    await lab.terminals.see('client', 'marker: 64');
    await inspect.see('client', 'marker: 64');
    for (const page of [learner, teacher.page]) expect(await page.locator('.xterm-rows').filter({ hasText: 'the instructor typed' }).count()).toBe(0);
    await shot(teacher.page, 'inspect-live-en');

    await teacher.page.getByTestId('lang-switch').selectOption('zh-CN');
    await expect.poll(async () => inspect.readOnlyMark().textContent(), { timeout: 10_000 }).toContain('只读');
    await shot(teacher.page, 'inspect-live-zh-CN');
    await teacher.page.getByTestId('lang-switch').selectOption('en');
    await inspect.back();
    await teacher.waitFor();
  });
});
