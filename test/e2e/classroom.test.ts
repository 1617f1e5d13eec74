// A class in Chromium: a classroom server started in this process (serving the build in dist/) on real
// containers, two learners and the instructor each in their own browser context, opened from their
// personal links. A learner's Check reaches the instructor's grid live, with what it expected and saw; the
// other learner sees the class's lab only and not the first one's running copy; the instructor's message
// reaches both learners; the CSV export has both. Screenshots: test-artifacts/classroom/.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClassroom, type RunningClassroom } from '../../electron/classroom/classroomServer.js';
import { down } from '../../electron/topology/manager.js';
import { isolateHome, leftovers, requireDockerAndImage } from '../helpers/integration.js';
import { makeTempDir } from '../helpers/tempDirs.js';
import { ClassDashboardPage } from './pages/ClassDashboardPage.js';
import { ClassLearnerShell } from './pages/ClassLearnerShell.js';
import { ClassroomBrowser } from './pages/ClassroomBrowser.js';
import { LabListPage } from './pages/LabListPage.js';
import { LabPage } from './pages/LabPage.js';

const LAB = 'vrrp-pair';
const LEARNERS = ['l01', 'l02'];
const MESSAGE = 'Step 2 together in 10 minutes — 10 分钟后一起讲第 2 步';

let room: RunningClassroom;
let browser: ClassroomBrowser;
let links: Map<string, { name: string; link: string }>;
let teacher: ClassDashboardPage;
let first: Page;
let second: Page;
/** What learner 1's own page showed for each failed check of step 1, in English. */
let failedOnLearnerPage: { id: string; expected: string; seen: string }[] = [];

/** links.csv: name,id,link per learner, after a header line (UTF-8 with a BOM, CRLF). */
function readLinks(file: string): Map<string, { name: string; link: string }> {
  const rows = readFileSync(file, 'utf8')
    .replace(/^\ufeff/, '')
    .trim()
    .split(/\r\n/)
    .slice(1);
  return new Map(rows.map((r) => r.split(',')).map(([name, id, link]) => [id ?? '', { name: name ?? '', link: link ?? '' }]));
}

const linkOf = (id: string): string => links.get(id)?.link ?? '';

describe('a class in Chromium: two learners and the instructor (classroom server + real containers)', () => {
  beforeAll(async () => {
    isolateHome();
    await requireDockerAndImage();
    room = await startClassroom({ dir: makeTempDir('halab-e2e-class-'), name: 'e2e-class', roster: { count: 2 }, labs: [LAB], port: 0, bind: '127.0.0.1', log: () => undefined });
    links = readLinks(room.linksFile);
    browser = new ClassroomBrowser('classroom');
    await browser.start();
  });

  afterAll(async () => {
    await browser.close();
    await room.close();
    for (const id of LEARNERS) await down(`${id}-${LAB}`);
    expect(await leftovers()).toEqual({ containers: 0, networks: 0 });
  });

  it('opens each personal link: the learners their name, class and its lab, the instructor the dashboard', async () => {
    expect([...links.keys()]).toEqual(LEARNERS);
    expect(room.instructorUrl).toMatch(/#\/class$/);
    teacher = new ClassDashboardPage(await browser.open(room.instructorUrl));
    await teacher.waitFor();
    expect(await teacher.learnerIds()).toEqual(LEARNERS);
    expect(await teacher.page.getByTestId('class-name').textContent()).toBe('e2e-class');
    await teacher.mark();

    first = await browser.open(linkOf('l01'));
    second = await browser.open(linkOf('l02'));
    for (const [page, id] of [
      [first, 'l01'],
      [second, 'l02'],
    ] as const) {
      const list = new LabListPage(page);
      await list.waitFor(LAB);
      expect(await list.labIds()).toEqual([LAB]);
      const shell = new ClassLearnerShell(page);
      expect(await shell.who().textContent()).toBe(links.get(id)?.name);
      expect(await shell.className().textContent()).toBe('Class e2e-class');
      expect(await page.getByTestId('class-dashboard').count()).toBe(0);
    }
  });

  it("learner 1 starts the lab and checks step 1: the instructor's grid shows it live, with what the checks expected and saw", async () => {
    await new LabListPage(first).open(LAB);
    const lab = new LabPage(first, LAB);
    await lab.start();
    const results = await lab.check(0);
    expect(await results.summary().getAttribute('data-passed')).toBe('false');
    const failed = await results.failed().all();
    expect(failed.length).toBeGreaterThan(0);
    failedOnLearnerPage = await Promise.all(
      failed.map(async (item) => {
        const facts = await item.locator('.check-facts dd').allTextContents();
        return { id: ((await item.getAttribute('data-testid')) ?? '').slice('check-'.length), expected: facts[0] ?? '', seen: facts[1] ?? '' };
      }),
    );

    await teacher.waitCell('l01', LAB, 0, { status: 'working', attempts: 1 });
    expect(await teacher.sameDocument()).toBe(true);
    await teacher.waitCell('l02', LAB, 0, { status: 'not-started', attempts: 0 });
    await teacher.openCell('l01', LAB, 0);
    const shown = await teacher.panelChecks();
    for (const f of failedOnLearnerPage) expect(shown.find((c) => c.id === f.id)).toEqual({ ...f, passed: false });
    expect(await teacher.page.getByTestId('class-panel-status').textContent()).toContain('Working on it');
    expect(await teacher.page.getByTestId('class-panel-when').textContent()).toMatch(/^Last Check at \d/);
    await browser.shot(teacher.page, '01-dashboard-en');
  });

  it('shows the same panel in Chinese', async () => {
    await teacher.page.getByTestId('lang-switch').selectOption('zh-CN');
    await expect.poll(async () => teacher.page.getByTestId('class-panel-status').textContent(), { timeout: 10_000 }).toContain('进行中');
    expect(await teacher.page.getByTestId('class-count-learners').textContent()).toBe('2 名学员');
    const shown = await teacher.panelChecks();
    // The server keeps both languages of each check: the panel now shows the Chinese ones.
    for (const f of failedOnLearnerPage) {
      const zh = shown.find((c) => c.id === f.id);
      expect(zh?.passed).toBe(false);
      expect(`${zh?.expected ?? ''}${zh?.seen ?? ''}`).toMatch(/[\u4e00-\u9fff]/);
    }
    await browser.shot(teacher.page, '02-dashboard-zh-CN');
    await teacher.page.getByTestId('lang-switch').selectOption('en');
  });

  it("learner 2 sees the class's lab only, and not learner 1's copy running", async () => {
    const list = new LabListPage(second);
    expect(await list.labIds()).toEqual([LAB]);
    expect(await list.card(LAB).getByTestId('lab-running').count()).toBe(0);
    await list.open(LAB);
    await second.locator('[data-testid="lab-status"][data-running="false"]').waitFor({ timeout: 30_000 });
  });

  it('the instructor writes to the class and both learners see the message at once', async () => {
    await teacher.sendMessage(MESSAGE);
    for (const page of [first, second]) {
      const shell = new ClassLearnerShell(page);
      await shell.waitMessage(MESSAGE);
      expect(await page.getByTestId('class-message-text').textContent()).toBe(MESSAGE);
    }
    await browser.shot(first, '03-learner-message-banner');
    await second.getByTestId('nav-labs').click();
    await new LabListPage(second).waitFor(LAB);
    await browser.shot(second, '04-learner-list-banner');
    await teacher.page.getByTestId('class-sent-button').click();
    await browser.shot(teacher.page, '05-dashboard-sent');
  });

  it('the instructor downloads the results as CSV, with both learners', async () => {
    const csv = await teacher.download('csv');
    expect(csv.filename).toMatch(/^halab-class-e2e-class-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.content
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toMatch(/^id,name,/);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(LEARNERS);
  });
});
