// The topology diagram's labels never overlap (at rest a node's name ran into its state,
// "web01not created"). Every <text> of the diagram is read back with getBoundingClientRect and the boxes are
// compared pairwise, in English and Chinese:
// - in the app (Chromium + the browser host from dist/, no lab started, no Docker needed): every built-in lab
//   and a 16-node pack (the most a pack may have) at rest, at 1280x720, 1366x768 and 1920x1080, with the
//   topology as its own tab and kept beside a terminal;
// - in a test page with the real diagram component: every topology above with every node state the app can
//   show (and, running, with VRRP instances, a VIP tag and split brain), at the widths the diagram takes in
//   those windows (about 300 to 1120 px), and a pack with 31-character node names and six VIPs.
// Screenshots: test-artifacts/topology-labels/.
import { mkdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lang, NodeInfo, TopologyState } from '../../common/contract.js';
import { catalog } from '../../electron/labs/catalog.js';
import { loadPack } from '../../electron/labs/loadPack.js';
import { projectRoot } from '../../electron/util/paths.js';
import { bundlePage } from '../helpers/bundlePage.js';
import { launchChromium } from '../helpers/chromium.js';
import { makeTempDir } from '../helpers/tempDirs.js';
import { AppSession } from './pages/AppSession.js';
import { bigPackManifest, overlaps, type DiagramCase, type LabelBox, type Topology } from './topologyLabelsFixture.js';

const ARTIFACTS = 'topology-labels';
const WINDOWS = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];
const LANGS: Lang[] = ['en', 'zh-CN'];
/** Every state the diagram has words for (renderer/i18n: state.*). */
const STATES = ['running', 'exited', 'missing', 'created', 'paused', 'restarting', 'dead', 'removing', 'stopped'];
/** From the topology beside a terminal at 1280 px (about 300 px) to its own tab at 1920 px (about 1120 px). */
const WIDTHS = [300, 380, 480, 640, 860, 1120];
const BIG_PACK = 'big-topology';

let home: string;
const builtIn: Topology[] = [];

/** The label boxes of the diagram on the page, as the learner sees it. */
async function labelBoxes(page: Page): Promise<LabelBox[]> {
  return page.evaluate<LabelBox[]>(`[...document.querySelectorAll('svg[data-testid="topology"] text')].map((t) => {
    const b = t.getBoundingClientRect();
    return { text: t.textContent, left: b.left, top: b.top, right: b.right, bottom: b.bottom };
  })`);
}

/** Renders a case in the test page (test/unit/ui/pages/topologyPage.ts) and reads its label boxes back. */
async function showCase(page: Page, c: DiagramCase): Promise<LabelBox[]> {
  return page.evaluate<LabelBox[]>(`window.halabTopologyPage.show(${JSON.stringify(c)})`);
}

beforeAll(async () => {
  home = makeTempDir('halab-topology-labels-');
  process.env.HALAB_HOME = home;
  mkdirSync(join(projectRoot(), 'test-artifacts', ARTIFACTS), { recursive: true });
  const packDir = join(home, 'packs', BIG_PACK);
  await mkdir(join(packDir, 'steps'), { recursive: true });
  await writeFile(join(packDir, 'lab.yaml'), bigPackManifest(BIG_PACK));
  await writeFile(join(packDir, 'steps', 'en.md'), '# One\n');
  await writeFile(join(packDir, 'steps', 'zh.md'), '# 一\n');
  // Every built-in lab and the 16-node pack, read by the engine's own loader.
  for (const entry of await catalog()) {
    const m = (await loadPack(entry.dir)).manifest;
    builtIn.push({ id: entry.id, vips: m.topology.vips, nodes: m.topology.nodes.map((n) => ({ name: n.name, role: n.role, ip: n.ip })) });
  }
});

describe('topology labels in the app at rest (Chromium + browser host)', () => {
  let app: AppSession;

  beforeAll(async () => {
    app = new AppSession(home, ARTIFACTS);
    await app.start();
    await app.open();
  });

  afterAll(async () => {
    await app.close();
  });

  it('never overlap, for every lab, both languages, at 1280x720, 1366x768 and 1920x1080', async () => {
    const page = app.page;
    const labs = builtIn.map((t) => t.id);
    expect(labs).toContain(BIG_PACK);
    expect(labs.length).toBeGreaterThan(10);
    const found: string[] = [];
    const widths = new Set<number>();
    for (const size of WINDOWS) {
      await page.setViewportSize(size);
      for (const lang of LANGS) {
        await app.chooseLanguage(lang);
        for (const lab of labs) {
          await page.evaluate(`location.hash = ${JSON.stringify(`#/lab/${lab}`)}`);
          await page.getByTestId(`lab-view-${lab}`).waitFor({ timeout: 30_000 });
          for (const beside of [false, true]) {
            // The topology as its own tab, or kept beside a terminal (the narrowest it gets).
            const split = page.getByTestId('ws-split');
            if ((await split.isChecked()) !== beside) await split.setChecked(beside);
            await page.getByTestId(beside ? `term-tab-${builtIn.find((t) => t.id === lab)?.nodes[0]?.name ?? ''}` : 'ws-tab-topology').click();
            const diagram = page.getByTestId('topology');
            await diagram.waitFor({ timeout: 30_000 });
            await expect.poll(() => page.locator('[data-testid^="topo-node-"]').count()).toBe(builtIn.find((t) => t.id === lab)?.nodes.length);
            widths.add(Math.round((await diagram.boundingBox())?.width ?? 0));
            const where = `${lab} ${lang} ${size.width}x${size.height}${beside ? ' beside a terminal' : ''}`;
            found.push(...overlaps(await labelBoxes(page)).map((o) => `${where}: ${o}`));
            if (!beside && (lab === 'vrrp-pair' || lab === 'dual-master' || lab === BIG_PACK) && size.width !== 1366) {
              await diagram.scrollIntoViewIfNeeded();
              await app.shot(`${lab}-${lang}-${size.width}x${size.height}`);
            }
          }
        }
      }
    }
    console.log(`diagram widths seen: ${[...widths].sort((a, b) => a - b).join(', ')} px`);
    expect(found).toEqual([]);
  });
});

/** Node states, VRRP and VIP holders of a topology with every node in `state`. */
function caseFor(t: Topology, state: string, lang: Lang, width: number): DiagramCase {
  const nodes: NodeInfo[] = t.nodes.map((n) => ({ ...n, state }));
  const lbs = nodes.filter((n) => n.role === 'lb').map((n) => n.name);
  const running = state === 'running';
  // Running: the first VIP on the first load balancer, the second one held by two (split brain), two VRRP
  // instances a box each, one with a long instance name.
  const vips: TopologyState['vips'] = t.vips.map((vip, i) => ({ vip, holders: !running ? [] : i === 1 ? lbs.slice(0, 2) : lbs.slice(0, 1) }));
  const vrrp: TopologyState['vrrp'] = running
    ? lbs.flatMap((node, i) => [
        { node, instance: 'VI_1', state: i === 0 ? 'MASTER' : 'BACKUP', priority: 150 - i },
        { node, instance: i === 1 ? 'VI_WEB_FRONTEND_PRIMARY' : 'VI_2', state: i === 1 ? 'MASTER' : 'BACKUP', priority: 100 + i },
      ])
    : [];
  return { name: `${t.id} ${state} ${lang} ${width}px`, lang, width, nodes, vips, vrrp };
}

describe('topology labels for every node state (Chromium, the diagram component in a test page)', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const bundle = await bundlePage(join(projectRoot(), 'test', 'unit', 'ui', 'pages', 'topologyPage.ts'));
    browser = await launchChromium();
    // Tall enough for the 16-node diagram at its widest (the app's stylesheet keeps the page from scrolling).
    page = await browser.newPage({ viewport: { width: 1200, height: 2000 } });
    await page.setContent('<!doctype html><html><body><div id="diagram"></div></body></html>');
    await page.addStyleTag({ content: bundle.style });
    await page.addScriptTag({ content: bundle.script });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('never overlap, for every topology, state, language and width', async () => {
    const found: string[] = [];
    let shown = 0;
    const topologies = [...builtIn, longNames()];
    for (const t of topologies)
      for (const state of STATES)
        for (const lang of LANGS)
          for (const width of WIDTHS) {
            const c = caseFor(t, state, lang, width);
            const boxes = await showCase(page, c);
            expect(boxes.length, c.name).toBeGreaterThanOrEqual(t.nodes.length * 2);
            found.push(...overlaps(boxes).map((o) => `${c.name}: ${o}`));
            shown++;
          }
    for (const lang of LANGS) {
      for (const state of ['running', 'missing']) {
        await showCase(page, caseFor(longNames(), state, lang, 860));
        await page.locator('#diagram').screenshot({ path: join(projectRoot(), 'test-artifacts', ARTIFACTS, `long-names-${state}-${lang}.png`) });
      }
    }
    expect(shown).toBe(topologies.length * STATES.length * LANGS.length * WIDTHS.length);
    expect(found.slice(0, 40)).toEqual([]);
  });
});

/** 16 nodes with 31-character names (the longest a pack may give) and six VIPs with long addresses. */
function longNames(): Topology {
  const name = (role: string, i: number): string => `${role}-with-a-very-long-name-${String(i).padStart(2, '0')}`.slice(0, 31);
  const roles: NodeInfo['role'][] = ['client', 'client', 'lb', 'lb', 'lb', 'lb', ...Array.from({ length: 10 }, () => 'web' as const)];
  return {
    id: 'long-names',
    vips: ['192.168.100.200', '192.168.100.201', '192.168.100.202', '192.168.100.203', '192.168.100.204', '192.168.100.205'],
    nodes: roles.map((role, i) => ({ name: name(role, i + 1), role, ip: `192.168.100.${String(10 + i)}` })),
  };
}
