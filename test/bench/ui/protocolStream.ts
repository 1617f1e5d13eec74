// The protocol tab's figures, in the page:
// - protocol_event_ms: from an advert's capture (its kernel timestamp, carried by its row as data-last-at)
//   to the MutationObserver callback in which lb01's advert row shows it, over at least 20 adverts of lab 1
//   (VRRPv2, one a second). The page's clock is compared with this process's clock (the host clock the
//   capture uses) and corrected for; the frame after it is given as protocol_event_frame_ms.
// - protocol_longest_frame_gap_ms: lab 1 restarted with VRRPv3 and advert_int 0.1 (10 adverts a second), the
//   protocol tab open for 25 s, every animation frame timed: the longest gap is how long the page could not
//   paint. The event delay under that stream is given too.
import { cpus } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { findPack } from '../../../electron/labs/catalog.js';
import { down, up } from '../../../electron/topology/manager.js';
import { figure, round, sleep, spreadOf } from '../stats.js';
import { electingV3Pack } from '../vrrpPack.js';
import { freshPage, labUrl } from './browser.js';
import { LAB, vipOf, waitForHolder } from './labSetup.js';
import { FRAME_GAPS_PROBE, PROTOCOL_ROWS_PROBE, type FrameReading, type RowSample } from './protocolProbes.js';
import { pageClockOffset } from './topologyUpdate.js';

type Log = (line: string) => void;
const MIN_EVENTS = 20;
const V3_ADVERT_INT_S = 0.1;
const STREAM_MS = 25_000;
const SEE_MS = 60_000;
const LB01_ADVERTS = '[data-testid="protocol-row"][data-kind="advert"][data-from="lb01"]';

async function openProtocolTab(page: Page): Promise<void> {
  await page.getByTestId('ws-tab-protocol').click();
  await page.locator('[data-testid="protocol-status"][data-state="capturing"]').waitFor({ timeout: SEE_MS });
  await page.locator(LB01_ADVERTS).last().waitFor({ timeout: SEE_MS });
}

interface Delays {
  dom: number[];
  frame: number[];
}

/** Capture-to-DOM and capture-to-frame delays of the samples, with the page clock taken back to this process's. */
function delaysOf(samples: readonly RowSample[], pageOffsetMs: number): Delays {
  return {
    dom: samples.map((s) => s.domAt - pageOffsetMs - s.lastAt),
    frame: samples.flatMap((s) => (s.frameAt === null ? [] : [s.frameAt - pageOffsetMs - s.lastAt])),
  };
}

/** Arms the row probe for lb01's adverts and waits (bounded) until it holds `n` samples. */
async function collectRows(page: Page, n: number, timeoutMs: number): Promise<RowSample[]> {
  await page.evaluate(`window.__uiBenchProtocol.start('advert', 'lb01')`);
  const deadline = Date.now() + timeoutMs;
  const polls = Math.ceil(timeoutMs / 500);
  for (let i = 0; i < polls && Date.now() < deadline; i++) {
    await sleep(500);
    if ((await page.evaluate<number>('window.__uiBenchProtocol.count()')) >= n) break;
  }
  return page.evaluate<RowSample[]>('window.__uiBenchProtocol.stop()');
}

/** lb01's adverts on the running lab 1 (VRRPv2, 1 s) in the page already open on the lab. */
export async function measureProtocolEvents(page: Page, log: Log): Promise<Record<string, unknown>> {
  await page.evaluate(PROTOCOL_ROWS_PROBE);
  await openProtocolTab(page);
  const clock = await pageClockOffset(page);
  const samples = await collectRows(page, MIN_EVENTS + 2, (MIN_EVENTS + 20) * 1000);
  if (samples.length < MIN_EVENTS) throw new Error(`only ${samples.length} advert rows of lb01 updated in the protocol tab, ${MIN_EVENTS} needed`);
  const d = delaysOf(samples, clock.offsetMs);
  const s = spreadOf(d.dom);
  log(
    `protocol events (${cpus().length} cores): ${samples.length} adverts of lb01, capture to row ${s.median} ms median, ${s.max} ms max; ` +
      `to the frame ${spreadOf(d.frame).median} ms median; page clock ${clock.offsetMs >= 0 ? '+' : ''}${clock.offsetMs.toFixed(1)} ± ${clock.uncertaintyMs.toFixed(1)} ms`,
  );
  return { ...figure('protocol_event_ms', d.dom), ...figure('protocol_event_frame_ms', d.frame) };
}

/** Lab 1 (or a copy under another id) again with VRRPv3 at advert_int 0.1, the tab open while the adverts stream at 10 a second. */
export async function measureProtocolStream(browser: Browser, hostUrl: string, log: Log, labId = LAB): Promise<Record<string, unknown>> {
  await down(labId);
  const lab = await up(electingV3Pack(await findPack(labId), V3_ADVERT_INT_S), {
    onProgress: (line) => {
      log(line);
    },
  });
  await waitForHolder(lab, vipOf(lab), 'lb01', 30_000);
  const { context, page } = await freshPage(browser);
  try {
    await page.goto(labUrl(hostUrl, labId), { timeout: 30_000 });
    await page.evaluate(PROTOCOL_ROWS_PROBE);
    await page.evaluate(FRAME_GAPS_PROBE);
    await openProtocolTab(page);
    // The row of the stream says its rhythm: wait until it is the 0.1 s one.
    await page
      .locator(LB01_ADVERTS)
      .filter({ hasText: /every 0\.1\d s/ })
      .last()
      .waitFor({ timeout: SEE_MS });
    const clock = await pageClockOffset(page);
    await page.evaluate(`window.__uiBenchProtocol.start('advert', 'lb01')`);
    await page.evaluate('window.__uiBenchFrames.start()');
    await sleep(STREAM_MS);
    const frames = await page.evaluate<FrameReading>('window.__uiBenchFrames.stop()');
    const samples = await page.evaluate<RowSample[]>('window.__uiBenchProtocol.stop()');
    if (samples.length < MIN_EVENTS) throw new Error(`only ${samples.length} row updates while VRRPv3 adverts streamed for ${STREAM_MS / 1000} s`);
    const adverts = (samples.at(-1)?.count ?? 0) - (samples[0]?.count ?? 0);
    const spanS = ((samples.at(-1)?.lastAt ?? 0) - (samples[0]?.lastAt ?? 0)) / 1000;
    const rate = adverts / spanS;
    const longest = Math.max(...frames.gaps);
    const d = delaysOf(samples, clock.offsetMs);
    log(
      `protocol stream (${cpus().length} cores): ${rate.toFixed(1)} adverts/s for ${STREAM_MS / 1000} s, ${samples.length} row updates; ` +
        `${frames.gaps.length} frames, longest gap ${longest.toFixed(0)} ms, ${frames.gaps.filter((g) => g > 50).length} over 50 ms; ` +
        `long tasks ${frames.longTasks} (${frames.longTaskMs.toFixed(0)} ms); capture to row ${spreadOf(d.dom).median} ms median, ${spreadOf(d.dom).max} ms max`,
    );
    return {
      protocol_longest_frame_gap_ms: round(longest, 1),
      protocol_frame_gap_ms_spread: spreadOf(frames.gaps),
      protocol_stream_adverts_per_s: round(rate, 1),
      protocol_stream_long_task_ms: round(frames.longTaskMs, 0),
      ...figure('protocol_event_v3_ms', d.dom),
    };
  } finally {
    await context.close().catch(() => undefined);
  }
}
