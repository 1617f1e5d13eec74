// Terminal throughput with the UI still responsive: a bounded command prints base64 of random bytes (all
// printable) in the node's terminal, then an end marker that only the command's output contains (the
// shell computes it, so the echoed command line does not). MB/s = the command's output bytes (1 MB =
// 10^6 bytes, the TTY's added carriage returns not counted) / the time from the Enter keydown to the
// marker in xterm's DOM. Meanwhile the page times its animation frames (the longest gap is how long it
// could not paint) and two clicks on terminal tabs (to another node's terminal and back), each from the
// browser's receipt of the click to the frame after the tab was selected. The baseline, measured in the
// same run: xterm.js alone in a blank page of the same Chromium (xtermAlone.ts).
import type { Page } from 'playwright-core';
import { floodProbe } from './pageProbes.js';
import { openTerminal } from './terminalEcho.js';
import { figure, round, spread, spreadOf } from '../stats.js';
import { CpuMeter, type CpuShares } from './cpuShare.js';
import { terminalLook, xtermAloneRates } from './xtermAlone.js';
import { HIGH_WATERMARK } from '../../../electron/terminal/flowControl.js';

const RANDOM_BYTES = 15_000_000;
const LINE_CHARS = 100;
/** base64 turns 3 bytes into 4 characters; every line of LINE_CHARS ends with a newline. */
const OUTPUT_BYTES = (RANDOM_BYTES / 3) * 4 + Math.ceil(((RANDOM_BYTES / 3) * 4) / LINE_CHARS);
const RUN_TIMEOUT_MS = 120_000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface FloodReading {
  ms: number | null;
  maxFrameGap: number;
  frames: number;
  clicks: number[];
  longTaskMs: number;
  wsChars: number | null;
  lastDataToDom: number | null;
}

interface Point {
  x: number;
  y: number;
}

async function tabCenter(page: Page, node: string): Promise<Point> {
  const box = await page.getByTestId(`term-tab-${node}`).boundingBox();
  if (!box) throw new Error(`the terminal tab of ${node} is not on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

async function oneFlood(page: Page, meter: CpuMeter, run: number, away: Point, back: Point): Promise<{ reading: FloodReading; shares: CpuShares }> {
  await page.keyboard.press('Control+U');
  await page.evaluate(`window.__uiBenchFlood.start(${JSON.stringify(`UIBENCH_${40 + run}_DONE`)})`);
  await page.keyboard.type(`head -c ${RANDOM_BYTES} /dev/urandom | base64 -w ${LINE_CHARS}; echo UIBENCH_$((40+${run}))_DONE`);
  const before = await meter.snapshot();
  const result = page.evaluate<FloodReading>(`window.__uiBenchFlood.result(${RUN_TIMEOUT_MS})`);
  await page.keyboard.press('Enter');
  // Away to another node's terminal and back while the output pours in.
  await sleep(1000);
  await page.mouse.click(away.x, away.y);
  await sleep(300);
  await page.mouse.click(back.x, back.y);
  const reading = await result;
  return { reading, shares: CpuMeter.shares(before, await meter.snapshot()) };
}

export async function measureFlood(page: Page, node: string, otherNode: string, runs: number, log: (line: string) => void): Promise<Record<string, unknown>> {
  await openTerminal(page, node);
  await page.evaluate(floodProbe(node));
  const here = await tabCenter(page, node);
  const there = await tabCenter(page, otherNode);
  const rates: number[] = [];
  const gaps: number[] = [];
  const clicks: number[] = [];
  const busyShares: number[] = [];
  const cpu: CpuShares[] = [];
  const meter = await CpuMeter.attach(page);
  try {
    for (let r = 1; r <= runs; r++) {
      const { reading, shares } = await oneFlood(page, meter, r, there, here);
      if (reading.ms === null) throw new Error(`the end marker did not show in ${node}'s terminal within ${RUN_TIMEOUT_MS / 1000} s`);
      const mbPerS = OUTPUT_BYTES / 1e6 / (reading.ms / 1000);
      rates.push(mbPerS);
      gaps.push(reading.maxFrameGap);
      clicks.push(...reading.clicks);
      busyShares.push(reading.longTaskMs / reading.ms);
      cpu.push(shares);
      log(
        `terminal flood ${r}/${runs}: ${(OUTPUT_BYTES / 1e6).toFixed(1)} MB in ${(reading.ms / 1000).toFixed(2)} s = ${mbPerS.toFixed(2)} MB/s; ` +
          `${reading.frames} frames, longest gap ${reading.maxFrameGap.toFixed(0)} ms; tab clicks ${reading.clicks.map((c) => c.toFixed(0)).join(', ')} ms; ` +
          `long tasks ${(reading.longTaskMs / 1000).toFixed(2)} s; ${((reading.wsChars ?? 0) / 1e6).toFixed(1)} MB of terminal.data frames, the last ` +
          `${(reading.lastDataToDom ?? NaN).toFixed(0)} ms before the marker showed; CPU (cores): machine ${shares.machine}, host ${shares.host}, page main thread ${shares.page}`,
      );
    }
  } finally {
    await meter.detach();
  }
  const browser = page.context().browser();
  if (!browser) throw new Error('the page has no browser to open the baseline page in');
  const look = await terminalLook(page, node);
  const alone = await xtermAloneRates(browser, look, { outputChars: OUTPUT_BYTES, chunkChars: 16 * 1024, highChars: HIGH_WATERMARK, lineChars: LINE_CHARS }, runs);
  const appMedian = spread(rates).median;
  const aloneMedian = spread(alone).median;
  log(
    `xterm.js alone in a blank page, ${Math.round(look.width)} x ${Math.round(look.height)} px: ${alone.map((r) => r.toFixed(2)).join(', ')} MB/s; ` +
      `the app reaches ${(appMedian / aloneMedian).toFixed(2)} of it`,
  );
  return {
    ...figure('terminal_mb_per_s', rates, 2),
    ...figure('terminal_xterm_alone_mb_per_s', alone, 2),
    terminal_vs_xterm_alone_ratio: round(appMedian / aloneMedian, 2),
    ...figure('terminal_ui_max_frame_gap_ms', gaps),
    ...figure('terminal_ui_tab_click_ms', clicks),
    terminal_flood_long_task_share: spreadOf(busyShares, 2),
    terminal_flood_cpu_cores: {
      machine: spreadOf(
        cpu.map((c) => c.machine),
        2,
      ),
      host_process: spreadOf(
        cpu.map((c) => c.host),
        2,
      ),
      page_main_thread: spreadOf(
        cpu.map((c) => c.page),
        2,
      ),
    },
    terminal_output_mb: Math.round(OUTPUT_BYTES / 1e4) / 100,
  };
}
