// A learner does lab 1 entirely in the app, in Debian's Chromium against the browser host and real
// containers: types into the nodes' terminals, watches the topology, presses Check until every step is
// green, breaks and fixes a config in the editor, switches language, and comes back the next day to the
// same progress. Screenshots of the key moments go to test-artifacts/e2e/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../../electron/util/paths.js';
import { halab, isolateHome, leftovers, requireDockerAndImage } from '../helpers/integration.js';
import { launchChromium, seeInTerminal, typeIn } from '../helpers/chromium.js';

const ARTIFACTS = join(projectRoot(), 'test-artifacts', 'e2e');
const LAB = 'vrrp-pair';
let home: string;
let host: { child: ChildProcess; url: string } | undefined;
let browser: Browser;
let page: Page;

function startHost(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(projectRoot(), 'dist/electron/cli/halab.js'), 'serve', '--port', '0', '--no-open'], {
    env: { ...process.env, HALAB_HOME: home },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { reject(new Error('the browser host printed no URL within 30 s')); }, 30_000);
    createInterface({ input: child.stdout ?? process.stdin }).once('line', (line) => {
      clearTimeout(timer);
      resolve({ child, url: line.split(/\s+/)[0] ?? '' });
    });
    child.once('exit', (code) => { reject(new Error(`the browser host exited (${code})`)); });
  });
}

async function stopHost(): Promise<void> {
  if (!host) return;
  const exited = new Promise((r) => host?.child.once('exit', r));
  host.child.kill('SIGTERM');
  await exited;
  host = undefined;
}

/** Addresses follow the lab's subnet, which may have been remapped on this machine. */
function addr(hostPart: number): string {
  const rec = JSON.parse(readFileSync(join(home, 'instances', `${LAB}.json`), 'utf8')) as { subnet: string };
  return rec.subnet.replace(/0\/24$/, String(hostPart));
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}



async function checkStep(index: number): Promise<void> {
  await page.getByTestId(`step-${index}`).click();
  await page.getByTestId(`check-step-${index}`).click();
  const summary = page.getByTestId('check-summary');
  await summary.waitFor({ timeout: 60_000 });
  await expect.poll(async () => summary.getAttribute('data-passed'), { timeout: 60_000 }).toBe('true');
}

const keepalivedConf = (state: string, priority: number, routerId: string): string =>
  [
    `cat > /etc/keepalived/keepalived.conf <<'EOF'`,
    'global_defs {',
    `router_id ${routerId}`,
    '}',
    'vrrp_instance VI_1 {',
    `state ${state}`,
    'interface eth0',
    'virtual_router_id 50',
    `priority ${priority}`,
    'advert_int 1',
    'authentication {',
    'auth_type PASS',
    'auth_pass 1111',
    '}',
    'virtual_ipaddress {',
    addr(3),
    '}',
    '}',
    'EOF',
  ].join('\n');

describe('lab 1 in the app (Chromium + browser host + real containers)', () => {
  beforeAll(async () => {
    home = isolateHome();
    await requireDockerAndImage();
    expect(existsSync(join(projectRoot(), 'dist/renderer/index.html')), 'build the UI first: npm run build').toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    host = await startHost();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  });

  afterAll(async () => {
    await browser.close().catch(() => undefined);
    await stopHost();
    halab(['down', '--all'], { HALAB_HOME: home });
    expect(await leftovers()).toEqual({ containers: 0, networks: 0 });
  });

  it('takes a learner from first run to every check green, and keeps the progress', async () => {
    const url = host?.url ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    await page.goto(url);
    await page.getByTestId(`lab-card-${LAB}`).waitFor({ timeout: 30_000 });
    await shot('01-lab-list');
    await page.getByTestId(`lab-open-${LAB}`).click();
    await page.getByTestId('lab-up').click();
    await page.locator('[data-testid="lab-status"][data-running="true"]').waitFor({ timeout: 180_000 });

    // Step 1: both configs written in the nodes' terminals, as a learner types them.
    await typeIn(page, 'lb01', keepalivedConf('MASTER', 150, 'lb01'));
    await typeIn(page, 'lb02', keepalivedConf('BACKUP', 100, 'lb02'));
    await typeIn(page, 'lb02', 'grep -c vrrp_instance /etc/keepalived/keepalived.conf');
    await seeInTerminal(page, 'lb02', '[root@lb02 ~]#');
    await checkStep(0);
    await shot('02-step1-green');

    // Step 2: start both, ping the VIP from the client.
    await typeIn(page, 'lb01', 'systemctl start keepalived && systemctl enable keepalived');
    await typeIn(page, 'lb02', 'systemctl start keepalived && systemctl enable keepalived');
    await page.getByTestId('ws-tab-topology').click();
    await page.locator('[data-testid="topo-node-lb01"][data-holds-vip="true"]').waitFor({ timeout: 30_000 });
    await typeIn(page, 'client', `ping -c 2 ${addr(3)}`);
    await seeInTerminal(page, 'client', '2 received');
    await checkStep(1);

    // The language switch changes the lesson and the UI text.
    await page.getByTestId('lang-switch').selectOption('zh-CN');
    await page.getByText('第一对 VRRP 主备').first().waitFor({ timeout: 10_000 });
    await shot('03-zh-CN');
    await page.getByTestId('lang-switch').selectOption('en');

    // Step 3: stop the master in its terminal; the topology shows the VIP on lb02.
    await typeIn(page, 'lb01', 'systemctl stop keepalived');
    await page.getByTestId('ws-tab-topology').click();
    await page.locator('[data-testid="topo-node-lb02"][data-holds-vip="true"]').waitFor({ timeout: 15_000 });
    await shot('04-vip-on-lb02');
    await checkStep(2);
    await shot('05-failover-green');

    // The editor: a typo in lb02's keepalived.conf gets a marker on its line after saving; undo fixes it.
    await page.getByTestId('ws-tab-editor').click();
    await page.getByTestId('editor-file-lb02-_etc_keepalived_keepalived.conf').click();
    const editor = page.locator('.monaco-editor').first();
    await editor.waitFor({ timeout: 60_000 });
    await editor.locator('.view-lines').filter({ hasText: 'virtual_router_id' }).waitFor({ timeout: 20_000 });
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('priorty 100');
    await page.getByTestId('editor-save').click();
    const problem = page.locator('.hl-editor-problem-error').first();
    await problem.waitFor({ timeout: 30_000 });
    expect(await problem.textContent()).toMatch(/priorty/);
    // The marker names the line where the typo really is in the node's file.
    const grep = spawnSync('docker', ['exec', `halab-${LAB}-lb02`, 'grep', '-n', 'priorty', '/etc/keepalived/keepalived.conf'], { encoding: 'utf8' });
    const typoLine = Number(grep.stdout.split(':')[0]);
    expect(typoLine).toBeGreaterThan(10);
    expect(await problem.textContent()).toMatch(new RegExp(`(Line|line) ${typoLine}\\b`));
    await editor.locator('.squiggly-error').first().waitFor({ timeout: 10_000 });
    await shot('06-editor-marker');
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.getByTestId('editor-save').click();
    await expect.poll(async () => page.locator('.hl-editor-problem-error').count(), { timeout: 30_000 }).toBe(0);

    // Step 4: bring lb01 back; preemption returns the VIP.
    await typeIn(page, 'lb01', 'systemctl start keepalived');
    await page.getByTestId('ws-tab-topology').click();
    await page.locator('[data-testid="topo-node-lb01"][data-holds-vip="true"]').waitFor({ timeout: 20_000 });
    await checkStep(3);
    await expect.poll(async () => page.getByTestId('lab-completion').getAttribute('data-percent'), { timeout: 10_000 }).toBe('100');
    await shot('07-complete');

    // The next day: the host restarted, a new browser, the same progress.
    await browser.close();
    await stopHost();
    host = await startHost();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(host.url);
    const card = page.getByTestId(`lab-card-${LAB}`);
    await card.waitFor({ timeout: 30_000 });
    await expect.poll(async () => card.getByTestId('lab-progress').textContent(), { timeout: 10_000 }).toMatch(/4\s*\/\s*4|100/);
    await shot('08-next-day');
  });
});
