// Keystroke echo through the browser host: in the node's shell, one key at a time, from the keydown
// event in the page (capture phase, the first moment page code sees the key) to the MutationObserver
// callback in which xterm's DOM shows the echoed character at the end of the prompt row. The path in
// between: xterm's input handler, the WebSocket to the host, the TTY exec into the container, the shell's
// echo, the host's terminal.data event, xterm's parser and its next rendered frame. A tap on the page's
// WebSocket (see WS_TAP_INIT) splits each echo into the page's part and the host's round trip.
import type { Page } from 'playwright-core';
import { echoProbe, FRAME_INTERVAL_PROBE } from './pageProbes.js';
import { pollInPage } from './browser.js';
import { figure, percentile, spreadOf } from './stats.js';

interface EchoReading {
  total: number;
  /** Keydown to the terminal.input frame leaving the page. */
  toSend: number | null;
  /** That frame sent to the next terminal.data frame arriving (the host, Docker, the shell). */
  roundTrip: number | null;
  /** That frame arrived to the echo in xterm's DOM (parsing, waiting for and rendering a frame). */
  toDom: number | null;
}

const WORD = 'abcdefghijklmnopqrstuvwxy'; // 25 keys a round, no spaces, short enough never to wrap

export async function openTerminal(page: Page, node: string): Promise<void> {
  await page.getByTestId(`term-tab-${node}`).click();
  const term = page.getByTestId(`term-${node}`);
  await term.locator('.xterm-rows').filter({ hasText: `@${node} ` }).waitFor({ timeout: 30_000 });
  await term.click();
}

export async function measureEcho(page: Page, node: string, keys: number, log: (line: string) => void): Promise<Record<string, unknown>> {
  await openTerminal(page, node);
  await page.evaluate(echoProbe(node));
  const frameMs = await page.evaluate<number>(FRAME_INTERVAL_PROBE);
  const readings: EchoReading[] = [];
  let misses = 0;
  const rounds = Math.ceil(keys / WORD.length);
  for (let r = 0; r < rounds && readings.length < keys; r++) {
    await page.keyboard.press('Control+U'); // an empty command line at the start of every round
    await pollInPage(page, 'window.__uiBenchEcho.promptRowEnds("")', 5000, 20);
    for (let i = 0; i < WORD.length && readings.length + misses < keys; i++) {
      await page.evaluate(`window.__uiBenchEcho.arm(${JSON.stringify(WORD.slice(0, i + 1))})`);
      await page.keyboard.press(WORD[i] ?? 'a');
      const reading = await page.evaluate<EchoReading | null>('window.__uiBenchEcho.result()');
      if (reading === null) misses++;
      else readings.push(reading);
    }
  }
  await page.keyboard.press('Control+U');
  const samples = readings.map((r) => r.total);
  const part = (pick: (r: EchoReading) => number | null): number[] => readings.map(pick).filter((x): x is number => x !== null);
  if (samples.length === 0) throw new Error(`no keystroke echo seen in ${node}'s terminal (${misses} misses)`);
  log(`terminal echo: ${samples.length} keys, p50 ${percentile(samples, 0.5).toFixed(1)} ms, p90 ${percentile(samples, 0.9).toFixed(1)} ms, max ${Math.max(...samples).toFixed(1)} ms, ${misses} not seen within 3 s; the page draws a frame every ${frameMs.toFixed(1)} ms`);
  return {
    ...figure('terminal_echo_ms_p50', samples),
    terminal_echo_ms_p90: Math.round(percentile(samples, 0.9) * 10) / 10,
    terminal_echo_misses: misses,
    ui_frame_interval_ms: Math.round(frameMs * 10) / 10,
    terminal_echo_parts_ms: {
      key_to_input_sent: spreadOf(part((r) => r.toSend)),
      input_sent_to_output_arrived: spreadOf(part((r) => r.roundTrip)),
      output_arrived_to_dom: spreadOf(part((r) => r.toDom)),
    },
  };
}
