// `halab pack dev` in Chromium: a copy of a small pack in a temp folder, previewed as a learner sees it in
// both languages; a step file and lab.yaml edited on disk show in the open page; a lint error is listed at
// its file and line while the last good lesson stays, and goes when it is fixed. No lab is started.
// Screenshots go to test-artifacts/packdev/.
import { mkdirSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaffoldPack } from '../../electron/labs/scaffoldPack.js';
import { projectRoot } from '../../electron/util/paths.js';
import { isolateHome } from '../helpers/integration.js';
import { makeTempDir } from '../helpers/tempDirs.js';
import { startPackDev, type PackDevSession } from '../helpers/packDevProcess.js';
import { PackDevPage } from './pages/PackDevPage.js';

const ID = 'tc-demo';
const SHOTS = join(projectRoot(), 'test-artifacts', 'packdev');

let session: PackDevSession;
let dev: PackDevPage;
let dir: string;

/** Saves as vim and atomic writers do: a new file renamed over the old one. */
async function saveByRename(rel: string, content: string): Promise<void> {
  await writeFile(join(dir, `${rel}.new`), content);
  await rename(join(dir, `${rel}.new`), join(dir, rel));
}

async function shot(name: string): Promise<void> {
  await dev.page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

describe('halab pack dev (Chromium + browser host)', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dir = join(makeTempDir('halab-packdev-'), ID);
    await scaffoldPack(dir, ID);
    session = await startPackDev(dir, isolateHome());
    dev = new PackDevPage(session.page);
  });

  afterAll(async () => {
    await session.close();
  });

  it('shows the lesson, its steps and its checks in both languages, side by side or one at a time', async () => {
    await dev.waitForText(dev.title('en'), ID);
    await dev.step(0).click();
    await dev.waitForText(dev.column('en'), 'lb01 holds 10.0.0.3');
    await dev.waitForText(dev.column('zh-CN'), 'lb01 持有 10.0.0.3');
    await dev.waitForText(dev.column('zh-CN'), 'lb01 上 keepalived 在运行吗'); // a hint, shown to the author
    await shot('01-both');
    await dev.chooseMode('zh-CN');
    await dev.waitForText(dev.column('zh-CN'), '接管 VIP');
    expect(await dev.column('en').count()).toBe(0);
    await shot('02-zh-CN');
    await dev.chooseMode('en');
    await dev.waitForText(dev.column('en'), 'Take the VIP');
    expect(await dev.column('zh-CN').count()).toBe(0);
    await shot('03-en');
  });

  it('follows a step file and lab.yaml saved on disk', async () => {
    const stepFile = join('steps', 'en', '01-take-vip.md');
    const text = await readFile(join(dir, stepFile), 'utf8');
    await saveByRename(stepFile, `${text}\nWatch the address move with \`ip a\` after each save.\n`);
    await dev.waitForText(dev.column('en'), 'Watch the address move');

    const manifest = await readFile(join(dir, 'lab.yaml'), 'utf8');
    await writeFile(join(dir, 'lab.yaml'), manifest.replace('title: { en: Take the VIP,', 'title: { en: Take over the virtual IP,'));
    await dev.waitForText(dev.step(0), 'Take over the virtual IP');
    await dev.waitForText(dev.column('en'), 'Take over the virtual IP');
  });

  it('lists a lint error at its file and line, keeps the last lesson, and recovers once it is fixed', async () => {
    const good = await readFile(join(dir, 'lab.yaml'), 'utf8');
    const line = good.split('\n').findIndex((l) => l.includes('kind: vip')) + 1;
    expect(line).toBeGreaterThan(1);
    await writeFile(join(dir, 'lab.yaml'), good.replace('kind: vip', 'kind: vipp'));
    await dev.finding('lab.yaml', line).waitFor({ timeout: 20_000 });
    await dev.waitForText(dev.loadError(), 'lab.yaml');
    await dev.waitForText(dev.column('en'), 'Take over the virtual IP'); // the last version that loaded
    await shot('04-lint-error');

    await writeFile(join(dir, 'lab.yaml'), good);
    await dev.loadError().waitFor({ state: 'detached', timeout: 20_000 });
    await dev.finding('lab.yaml', line).waitFor({ state: 'detached', timeout: 20_000 });
    expect(await dev.page.locator('[data-testid="packdev-finding"][data-level="error"]').count()).toBe(0);
  });
});
