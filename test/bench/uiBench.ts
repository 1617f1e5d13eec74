// The UI figures of the benchmark, measured in Debian's Chromium against the browser host, with lab 1
// running on real containers (keepalived configured and elected): first render of the lab view, keystroke
// echo, terminal throughput with the UI's responsiveness meanwhile, the topology's delay after a VIP move, and
// the protocol tab's delay from an advert's capture to its row, then its frames while adverts stream at 10 a
// second (lab 1 restarted with VRRPv3, advert_int 0.1). Runs under a private HALAB_HOME, so cleaning up
// touches only what this run created.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { ensureDocker } from '../../electron/docker/client.js';
import { ensureImage } from '../../electron/image/buildImage.js';
import { startHost, type Host } from '../../electron/host/startHost.js';
import { downAll } from '../../electron/topology/manager.js';
import { projectRoot } from '../../electron/util/paths.js';
import { freshPage, labUrl, launchChromium } from './ui/browser.js';
import { measureFirstRender } from './ui/firstRender.js';
import { LAB, startElectedLab } from './ui/labSetup.js';
import { WS_TAP_INIT } from './ui/pageProbes.js';
import { measureProtocolEvents, measureProtocolStream } from './ui/protocolStream.js';
import { measureEcho } from './ui/terminalEcho.js';
import { measureFlood } from './ui/terminalFlood.js';
import { measureTopologyUpdate } from './ui/topologyUpdate.js';

const UI_RUNS = { firstRender: 5, echoKeys: 60, flood: 3, topology: 5 } as const;

export async function uiFigures(log: (line: string) => void): Promise<Record<string, unknown>> {
  if (!existsSync(join(projectRoot(), 'dist', 'renderer', 'index.html'))) throw new Error('the UI is not built: run npm run build');
  const previousHome = process.env.HALAB_HOME;
  const home = mkdtempSync(join(tmpdir(), 'halab-uibench-'));
  process.env.HALAB_HOME = home;
  let host: Host | undefined;
  let browser: Browser | undefined;
  try {
    await ensureDocker();
    await ensureImage(log);
    const lab = await startElectedLab(log);
    host = await startHost({
      port: 0,
      log: (line) => {
        log(`host: ${line}`);
      },
    });
    browser = await launchChromium();
    const result: Record<string, unknown> = { ui_chromium: browser.version() };
    Object.assign(result, await measureFirstRender(browser, host.url, LAB, UI_RUNS.firstRender, log));
    const { context, page } = await freshPage(browser);
    try {
      await page.addInitScript({ content: WS_TAP_INIT });
      await page.goto(labUrl(host.url, LAB), { timeout: 30_000 });
      Object.assign(result, await measureEcho(page, 'lb01', UI_RUNS.echoKeys, log));
      Object.assign(result, await measureFlood(page, 'lb01', 'lb02', UI_RUNS.flood, log));
      Object.assign(result, await measureTopologyUpdate(page, lab, UI_RUNS.topology, log));
      Object.assign(result, await measureProtocolEvents(page, log));
    } finally {
      await context.close().catch(() => undefined);
    }
    // Last: it replaces lab 1 with its VRRPv3 variant.
    Object.assign(result, await measureProtocolStream(browser, host.url, log));
    return result;
  } finally {
    await browser?.close().catch(() => undefined);
    await host?.close().catch((err: unknown) => {
      log(`closing the host failed: ${String(err)}`);
    });
    // Everything this home created, whether or not the lab came up completely.
    await downAll().catch((err: unknown) => {
      log(`removing the lab failed: ${String(err)}`);
    });
    if (previousHome === undefined) delete process.env.HALAB_HOME;
    else process.env.HALAB_HOME = previousHome;
    rmSync(home, { recursive: true, force: true });
  }
}
