// The protocol tab on lab 1, in Debian's Chromium against the browser host (the build in dist/) and real
// containers: started at step 3 (a running pair, lb01 MASTER), the tab shows lb01's adverts grouped in a
// row whose count grows; keepalived stopped on lb01 from the fault panel then shows lb01's priority-0
// advert, lb02's adverts and its gratuitous-ARP burst, and the VIP moves list times the takeover against
// the graceful floor (priority 100: skew = (256 - 100) / 256 s = 609 ms). In English and in Chinese, with
// no label of the tab drawn over another. Screenshots go to test-artifacts/protocol-view/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker } from '../../electron/docker/client.js';
import { halab, isolateHome, leftovers, requireDockerAndImage } from '../helpers/integration.js';
import { AppSession } from './pages/AppSession.js';
import { LabListPage } from './pages/LabListPage.js';
import { LabPage } from './pages/LabPage.js';
import { ProtocolPanel } from './pages/ProtocolPanel.js';
import { overlaps } from './topologyLabelsFixture.js';

const LAB = 'vrrp-pair';
const FAILOVER = 2; // step 3, 0-based
/** Lab 1 runs under its own id, so its container names are the engine's: another run may hold them a while. */
const NAMES_FREE_MS = 10 * 60_000;
const SEE_MS = 60_000;
let home: string;
let app: AppSession;
let lab: LabPage;
let protocol: ProtocolPanel;

async function waitForFreeNames(): Promise<void> {
  const deadline = Date.now() + NAMES_FREE_MS;
  while ((await docker().listContainers({ all: true, filters: { name: [`halab-${LAB}.`] } })).length > 0) {
    if (Date.now() > deadline) throw new Error(`another run still holds the containers halab-${LAB}.* after ${NAMES_FREE_MS / 60_000} min`);
    await new Promise((r) => setTimeout(r, 5000));
  }
}

async function expectNoOverlap(): Promise<void> {
  const boxes = await protocol.labelBoxes();
  expect(boxes.length).toBeGreaterThan(10);
  expect(overlaps(boxes)).toEqual([]);
}

describe('the protocol tab and the explained failover on lab 1 (Chromium + browser host + real containers)', () => {
  beforeAll(async () => {
    home = isolateHome();
    await requireDockerAndImage();
    await waitForFreeNames();
    app = new AppSession(home, 'protocol-view');
    await app.start();
    await app.open();
    const list = new LabListPage(app.page);
    await list.waitFor(LAB);
    await list.open(LAB);
    lab = new LabPage(app.page, LAB);
    protocol = new ProtocolPanel(app.page);
  }, NAMES_FREE_MS + 300_000);

  afterAll(async () => {
    await app.close();
    halab(['down', '--all'], { HALAB_HOME: home });
    expect(await leftovers()).toEqual({ containers: 0, networks: 0 });
  });

  it("started at step 3, the tab shows lb01's adverts for VRID 50 at priority 150, one row whose count grows", async () => {
    await lab.startFrom(FAILOVER);
    await lab.topology.show();
    await lab.topology.waitVipOn('lb01');
    await protocol.show();
    await protocol.waitCapturing();
    const row = await protocol.waitRow({ kind: 'advert', from: 'lb01', priority: 150, vrid: 50 });
    const first = await protocol.count(row);
    await expect.poll(async () => protocol.count(protocol.rows({ kind: 'advert', from: 'lb01', priority: 150 }).last()), { timeout: 30_000 }).toBeGreaterThan(first + 1);
    expect(await row.textContent()).toMatch(/every \d\.\d\d s/);
    expect(await protocol.lanesWith('advert')).toContain('lb01');
    await app.shot('01-adverts-en');
  });

  it("keepalived stopped on lb01 from the fault panel: lb01's priority 0, then lb02's adverts and gratuitous ARPs", async () => {
    await lab.topology.show();
    await lab.topology.select('lb01');
    await lab.topology.fault('stop-keepalived', 'lb01');
    await lab.topology.waitVipOn('lb02', SEE_MS);
    await protocol.show();
    const resign = await protocol.waitRow({ kind: 'prio0', from: 'lb01', priority: 0 });
    expect(await resign.getAttribute('data-changed')).toContain('priority');
    expect(await resign.locator('.proto-field.is-changed[data-field="priority"]').textContent()).toBe('prio 150 → 0');
    await protocol.waitRow({ kind: 'advert', from: 'lb02', priority: 100, vrid: 50 });
    const garp = await protocol.waitRow({ kind: 'garp', from: 'lb02' });
    expect(await protocol.count(garp)).toBeGreaterThanOrEqual(1);
    await protocol.waitLane('advert', 'lb02');
    expect(await protocol.lanesWith('advert')).toContain('lb02');
    await expectNoOverlap();
    await app.shot('02-takeover-en');
  });

  it('beside the topology (split), the narrow tab keeps every label apart', async () => {
    await app.page.getByTestId('ws-split').check();
    await protocol.show();
    await protocol.waitRow({ kind: 'prio0', from: 'lb01' });
    await expectNoOverlap();
    await app.shot('03-split-en');
    await app.page.getByTestId('ws-split').uncheck();
  });

  it('the VIP moves list times the takeover beside its floor: floor 609 ms, graceful', async () => {
    await lab.topology.show();
    const move = lab.topology.move('lb01', 'lb02');
    await move.waitFor({ timeout: SEE_MS });
    await expect.poll(async () => move.getByTestId('timeline-floor').textContent(), { timeout: SEE_MS }).toBe('floor 609 ms');
    expect(await move.getByTestId('timeline-takeover').textContent()).toMatch(/^takeover \d+(\.\d+)? m?s$/);
    expect(await move.getByTestId('timeline-cause').textContent()).toBe('(graceful: skew)');
    await move.getByTestId('timeline-details').locator('summary').click();
    expect(await move.locator('.failover-step').count()).toBeGreaterThanOrEqual(3);
    await app.shot('04-moves-en');
  });

  it('in Chinese: the status line, the rows and the floor, with CJK drawn and no label over another', async () => {
    await app.chooseLanguage('zh-CN');
    await protocol.show();
    await expect.poll(async () => protocol.status().textContent(), { timeout: 10_000 }).toContain('正在实时抓包');
    expect(await protocol.rows({ kind: 'prio0', from: 'lb01' }).last().textContent()).toContain('优先级 0');
    await expectNoOverlap();
    await app.shot('05-takeover-zh-CN');
    await lab.topology.show();
    const move = lab.topology.move('lb01', 'lb02');
    expect(await move.getByTestId('timeline-floor').textContent()).toBe('下限 609 ms');
    expect(await move.getByTestId('timeline-cause').textContent()).toBe('（主动让位：skew）');
    await app.shot('06-moves-zh-CN');
    await app.chooseLanguage('en');
  });
});
