// Lab 1's tools in the app, in Debian's Chromium against the browser host (the build in dist/) and real
// containers: "Start from this step", what Check says when a step is not done yet, the language switch
// and the config editor's verdict on a typo. One host, one browser and one lab for the file, started at
// step 3 through the UI. Screenshots go to test-artifacts/e2e/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { halab, isolateHome, leftovers, requireDockerAndImage } from '../helpers/integration.js';
import { nodeContainerName } from '../../electron/topology/names.js';
import { AppSession } from './pages/AppSession.js';
import { LabListPage } from './pages/LabListPage.js';
import { LabPage } from './pages/LabPage.js';

const LAB = 'vrrp-pair';
const FAILOVER = 2; // step 3, 0-based
const KEEPALIVED_CONF = '/etc/keepalived/keepalived.conf';
let home: string;
let app: AppSession;
let lab: LabPage;

/** The line numbers of `text` in a node's file, read in the node itself. */
function linesInNode(node: string, path: string, text: string): number[] {
  const grep = spawnSync('docker', ['exec', nodeContainerName(LAB, node), 'grep', '-n', text, path], { encoding: 'utf8' });
  return grep.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => Number(l.split(':')[0]));
}

describe("lab 1's tools: start from a step, Check's hints, language, editor (Chromium + browser host + real containers)", () => {
  beforeAll(async () => {
    home = isolateHome();
    await requireDockerAndImage();
    app = new AppSession(home, 'e2e');
    await app.start();
    await app.open();
    const list = new LabListPage(app.page);
    await list.waitFor(LAB);
    await list.open(LAB);
    lab = new LabPage(app.page, LAB);
  });

  afterAll(async () => {
    await app.close();
    halab(['down', '--all'], { HALAB_HOME: home });
    expect(await leftovers()).toEqual({ containers: 0, networks: 0 });
  });

  it('starts the stopped lab at step 3: steps 1 and 2 done by their solutions, shown solved, not earned', async () => {
    await lab.startFrom(FAILOVER);
    expect(await lab.step(0).getAttribute('data-status')).toBe('solved');
    expect(await lab.step(1).getAttribute('data-status')).toBe('solved');
    expect(await lab.step(FAILOVER).getAttribute('aria-current')).toBe('step');
    expect(await lab.completion()).toBe('0');
    // Step 2's solution started keepalived on both: lb01, the higher priority, holds the VIP.
    await lab.topology.show();
    await lab.topology.waitVipOn('lb01');
  });

  it('Check on a step not done yet: every failed check says what was expected, what was seen, and a hint', async () => {
    const results = await lab.check(FAILOVER);
    expect(await results.summary().getAttribute('data-passed')).toBe('false');
    const stopped = results.item('lb01-stopped');
    expect(await stopped.getAttribute('data-passed')).toBe('false');
    const [expected, seen] = await stopped.locator('.check-facts dd').allTextContents();
    expect(expected?.trim()).not.toBe('');
    expect(seen?.trim()).not.toBe('');
    expect(seen).not.toBe(expected);
    expect((await stopped.locator('.check-hint').textContent())?.replace('Hint:', '').trim()).not.toBe('');
    expect(await results.failed().count()).toBeGreaterThanOrEqual(1);
    await app.shot('09-check-hint');
  });

  it('switches the lesson, the interface and the check results to Chinese, and back', async () => {
    await app.chooseLanguage('zh-CN');
    await app.page.getByText('第一对 VRRP 主备').first().waitFor({ timeout: 10_000 });
    const stopped = app.page.getByTestId('check-lb01-stopped');
    await stopped.filter({ hasText: '期望' }).waitFor({ timeout: 10_000 });
    expect(await stopped.textContent()).toContain('提示');
    expect(await app.page.getByTestId(`check-step-${FAILOVER}`).textContent()).toBe('检查');
    await app.shot('03-zh-CN');
    await app.chooseLanguage('en');
    await app.page.getByText('The first VRRP pair').first().waitFor({ timeout: 10_000 });
    expect(await app.page.getByTestId(`check-step-${FAILOVER}`).textContent()).toBe('Check');
  });

  it('the editor marks a typo on its real line after Save, and the mark goes once it is fixed', async () => {
    await lab.editor.show();
    await lab.editor.open('lb02', KEEPALIVED_CONF, 'virtual_router_id');
    await lab.editor.appendLine('priorty 100');
    await lab.editor.save();
    const problem = lab.editor.errors().first();
    await problem.waitFor({ timeout: 30_000 });
    expect(await problem.textContent()).toMatch(/priorty/);
    // The marker names the line where the typo really is in the node's file.
    const typoLines = linesInNode('lb02', KEEPALIVED_CONF, 'priorty');
    expect(typoLines).toHaveLength(1);
    expect(typoLines[0]).toBeGreaterThan(10);
    expect(await problem.textContent()).toMatch(new RegExp(`(Line|line) ${typoLines[0]}\\b`));
    await lab.editor.squiggles().first().waitFor({ timeout: 10_000 });
    await app.shot('06-editor-marker');
    await lab.editor.removeLastLine();
    await lab.editor.save();
    await expect.poll(async () => lab.editor.errors().count(), { timeout: 30_000 }).toBe(0);
    expect(linesInNode('lb02', KEEPALIVED_CONF, 'priorty')).toEqual([]);
  });
});
