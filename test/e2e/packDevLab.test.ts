// `halab pack dev` with real containers: the author starts the pack's lab from the preview, runs one step's
// checks (each with what it expected and saw), then the both-ways self-test, whose must-fail and must-pass
// readings show under each check. Screenshots go to test-artifacts/packdev/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaffoldPack } from '../../electron/labs/scaffoldPack.js';
import { down } from '../../electron/topology/manager.js';
import { projectRoot } from '../../electron/util/paths.js';
import { isolateHome, requireDockerAndImage } from '../helpers/integration.js';
import { startPackDev, type PackDevSession } from '../helpers/packDevProcess.js';
import { makeTempDir } from '../helpers/tempDirs.js';
import { PackDevPage } from './pages/PackDevPage.js';

const ID = 'tc-pdlab';
const SHOTS = join(projectRoot(), 'test-artifacts', 'packdev');
/** A start on a busy machine, and a self-test whose timed check waits its 8 s in each direction. */
const LAB_WAIT_MS = 180_000;

let session: PackDevSession | undefined;
let dev: PackDevPage;

describe('halab pack dev with its lab (Chromium + browser host + Docker)', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const home = isolateHome();
    await requireDockerAndImage();
    const dir = join(makeTempDir('halab-packdev-lab-'), ID);
    await scaffoldPack(dir, ID);
    session = await startPackDev(dir, home);
    dev = new PackDevPage(session.page);
  });

  afterAll(async () => {
    await session?.close();
    await down(ID).catch(() => undefined); // the lab, if a failed test left it running
  });

  it('starts the lab and runs one step’s checks, each with what it expected and saw', async () => {
    const page = dev.page;
    await dev.waitForText(dev.title('en'), ID);
    await page.getByTestId('packdev-start').click();
    await page.getByTestId('packdev-stop').waitFor({ timeout: LAB_WAIT_MS });
    await dev.step(0).click();
    await page.getByTestId('packdev-run-checks').click();
    const check = dev.column('en').getByTestId('packdev-check-vip-on-lb01');
    await check.getByTestId('packdev-check-result').waitFor({ timeout: LAB_WAIT_MS });
    expect(await check.getAttribute('data-passed')).toBe('false'); // keepalived is not configured yet
  });

  it('runs the self-test from the page and shows each check’s must-fail and must-pass readings', async () => {
    const page = dev.page;
    await page.getByTestId('packdev-selftest').click();
    await page.locator('[data-testid="packdev-selftest-status"][data-passed="true"]').waitFor({ timeout: LAB_WAIT_MS });
    for (const lang of ['en', 'zh-CN'] as const) {
      const check = dev.column(lang).getByTestId('packdev-check-vip-on-lb01');
      expect(await check.getByTestId('packdev-reading-fresh').getAttribute('data-right')).toBe('true');
      expect(await check.getByTestId('packdev-reading-after-solution').getAttribute('data-right')).toBe('true');
    }
    await page.screenshot({ path: join(SHOTS, '05-self-test.png') });
    await page.getByTestId('packdev-stop').click();
    await page.getByTestId('packdev-start').waitFor({ timeout: LAB_WAIT_MS });
  });
});
