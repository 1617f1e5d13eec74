// The Docker engine restarts while a lab runs, seen in the app in Chromium: the app says the connection to
// Docker was lost, notices when it is back, shows that every node stopped, and the lab can be reset and
// used again (terminal, topology, Check). Runs on its own after every other test (scripts/test.mjs), since
// it stops the machine's engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../../electron/util/paths.js';
import { docker } from '../../electron/docker/client.js';
import { ownedFilter } from '../../electron/docker/labels.js';
import { halab, isolateHome, leftovers, requireDockerAndImage } from '../helpers/integration.js';
import { launchChromium, seeInTerminal, typeIn } from '../helpers/chromium.js';
import { startServe, type ServeProcess } from '../helpers/serveProcess.js';
import { stopDockerd, type StoppedDaemon } from '../helpers/dockerDaemon.js';

const ARTIFACTS = join(projectRoot(), 'test-artifacts', 'faults');
const LAB = 'vrrp-pair';
const NODES = ['client', 'lb01', 'lb02', 'web01', 'web02', 'web03'];
let home: string;
let serve: ServeProcess | undefined;
let browser: Browser | undefined;
let page: Page;
let stopped: StoppedDaemon | undefined;

const shot = async (name: string): Promise<void> => {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
};

async function runningNodes(): Promise<string[]> {
  const list = await docker().listContainers({ filters: ownedFilter(LAB) });
  return list
    .filter((c) => c.Labels['io.halab.role'] === 'node')
    .map((c) => c.Labels['io.halab.node'] ?? '')
    .sort();
}

describe('the Docker engine restarts under a running lab', () => {
  beforeAll(async () => {
    home = isolateHome();
    await requireDockerAndImage();
    expect(existsSync(join(projectRoot(), 'dist/renderer/index.html')), 'build the UI first: npm run build').toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    serve = await startServe({ HALAB_HOME: home });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  });

  afterAll(async () => {
    // Never leave the machine without its engine, whatever failed above.
    if (stopped) await stopped.start();
    await browser?.close().catch(() => undefined);
    serve?.child.kill('SIGTERM');
    await serve?.exited;
    halab(['down', '--all'], { HALAB_HOME: home });
    expect(await leftovers()).toEqual({ containers: 0, networks: 0 });
  });

  it('reports the lost engine, reconnects, and the lab resets and works again', async () => {
    await page.goto(serve?.url ?? '');
    await page.getByTestId(`lab-open-${LAB}`).click({ timeout: 30_000 });
    await page.getByTestId('lab-up').click();
    await page.locator('[data-testid="lab-status"][data-running="true"]').waitFor({ timeout: 180_000 });
    await typeIn(page, 'lb01', 'echo before-$((40+2))');
    await seeInTerminal(page, 'lb01', 'before-42');
    expect(await runningNodes()).toEqual(NODES);

    // Engine down: the app must say so while it is down.
    const downAt = Date.now();
    stopped = await stopDockerd();
    const banner = page.getByTestId('docker-banner');
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.textContent()).toContain('The connection to Docker was lost.');
    const noticedMs = Date.now() - downAt;
    await shot('01-docker-lost');

    // Engine back: the banner goes by itself, without a reload.
    const upAt = Date.now();
    await stopped.start();
    stopped = undefined;
    await banner.waitFor({ state: 'detached', timeout: 60_000 });
    const reconnectedMs = Date.now() - upAt;
    process.stdout.write(`[faults] engine loss shown after ${noticedMs} ms; back in the app ${reconnectedMs} ms after the engine answered\n`);

    // The engine stopped the lab's containers: the topology says so and points to Reset.
    await page.getByTestId('ws-tab-topology').click();
    const allStopped = page.getByTestId('nodes-stopped');
    await allStopped.waitFor({ timeout: 60_000 });
    expect(await allStopped.textContent()).toContain('Reset brings the lab back');
    expect(await page.getByTestId('lab-status').textContent()).toBe('Nodes stopped');
    await shot('02-nodes-stopped');

    // Reset brings a fresh lab that works.
    await page.getByTestId('lab-reset').click();
    await page.getByTestId('reset-dialog-confirm').click();
    await expect.poll(runningNodes, { timeout: 180_000, interval: 500 }).toEqual(NODES);
    await page.locator('[data-testid="lab-status"][data-running="true"]').waitFor({ timeout: 60_000 });
    await allStopped.waitFor({ state: 'detached', timeout: 30_000 });
    expect(await page.getByTestId('lab-status').textContent()).toBe('Running');
    await typeIn(page, 'lb01', 'echo after-$((40+3))');
    await seeInTerminal(page, 'lb01', 'after-43');
    await page.getByTestId('ws-tab-topology').click();
    await page.getByTestId('topo-node-lb02').waitFor({ timeout: 30_000 });
    await page.getByTestId('step-0').click();
    await page.getByTestId('check-step-0').click();
    const summary = page.getByTestId('check-summary');
    await summary.waitFor({ timeout: 60_000 });
    // A fresh lab: step 1's checks run against the real nodes and fail (nothing is configured yet).
    expect(await summary.getAttribute('data-passed')).toBe('false');
    await shot('03-after-reset');
  });
});
