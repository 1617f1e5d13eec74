// First render of lab 1's lab view: each run is a fresh browser context (no cache, cookies or storage
// from earlier runs) loading the lab view's URL. The figure runs from the navigation's start (the page's
// time origin) to the first animation frame after the lesson text and the workspace with the terminals'
// tabs are in the DOM. Navigation timing and the topology's first node are kept to show where time goes.
import type { Browser } from 'playwright-core';
import { FIRST_RENDER_INIT, FIRST_RENDER_READ, WS_TAP_INIT } from './pageProbes.js';
import { freshPage, labUrl, pollInPage } from './browser.js';
import { figure, spreadOf } from '../stats.js';

interface FirstRenderMarks {
  lessonAndWorkspaceDom: number | null;
  lessonAndWorkspaceFrame: number | null;
  topologyNode: number | null;
  responseEnd: number | null;
  domContentLoaded: number | null;
  scriptsDone: number | null;
  scriptBytes: number;
  /** API calls sent before the lesson showed. */
  calls: { method: string; sentAt: number; answeredAt: number | null }[];
}

const callsText = (m: FirstRenderMarks): string => m.calls.map((c) => `${c.method} ${c.sentAt.toFixed(0)}-${c.answeredAt === null ? '?' : c.answeredAt.toFixed(0)}`).join(', ');

const LOAD_TIMEOUT_MS = 30_000;

async function oneLoad(browser: Browser, url: string): Promise<FirstRenderMarks> {
  const { context, page } = await freshPage(browser);
  try {
    await page.addInitScript({ content: FIRST_RENDER_INIT });
    await page.addInitScript({ content: WS_TAP_INIT });
    await page.goto(url, { timeout: LOAD_TIMEOUT_MS });
    await pollInPage(page, 'window.__uiBenchFirstRender && window.__uiBenchFirstRender.lessonAndWorkspaceFrame !== null && window.__uiBenchFirstRender.topologyNode !== null', LOAD_TIMEOUT_MS, 100);
    return await page.evaluate<FirstRenderMarks>(FIRST_RENDER_READ);
  } finally {
    await context.close();
  }
}

export async function measureFirstRender(browser: Browser, hostUrl: string, lab: string, runs: number, log: (line: string) => void): Promise<Record<string, unknown>> {
  const url = labUrl(hostUrl, lab);
  // The first load after launch also starts Chromium's own processes: reported apart, not in the figure.
  const firstLoad = await oneLoad(browser, url);
  log(`first render, first load after launch (not counted): ${(firstLoad.lessonAndWorkspaceFrame ?? NaN).toFixed(0)} ms`);
  const marks: FirstRenderMarks[] = [];
  for (let i = 0; i < runs; i++) {
    const m = await oneLoad(browser, url);
    marks.push(m);
    log(
      `first render ${i + 1}/${runs}: ${(m.lessonAndWorkspaceFrame ?? NaN).toFixed(0)} ms (HTML ${(m.responseEnd ?? NaN).toFixed(0)}, scripts ${(m.scriptsDone ?? NaN).toFixed(0)}, DOMContentLoaded ${(m.domContentLoaded ?? NaN).toFixed(0)}, topology ${(m.topologyNode ?? NaN).toFixed(0)} ms; API calls before it: ${callsText(m)})`,
    );
  }
  const of = (pick: (m: FirstRenderMarks) => number | null): number[] => marks.map(pick).filter((x): x is number => x !== null);
  return {
    ...figure(
      'ui_first_render_ms',
      of((m) => m.lessonAndWorkspaceFrame),
    ),
    ui_first_render_parts_ms: {
      html_received: spreadOf(of((m) => m.responseEnd)),
      scripts_received: spreadOf(of((m) => m.scriptsDone)),
      dom_content_loaded: spreadOf(of((m) => m.domContentLoaded)),
      lesson_and_workspace_in_dom: spreadOf(of((m) => m.lessonAndWorkspaceDom)),
      topology_first_node: spreadOf(of((m) => m.topologyNode)),
    },
    ui_first_render_first_load_ms: Math.round(firstLoad.lessonAndWorkspaceFrame ?? NaN),
    ui_script_kb: Math.round((marks[0]?.scriptBytes ?? 0) / 1024),
  };
}
