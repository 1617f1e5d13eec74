// Keystroke echo through the browser host: in the node's shell, one key at a time. Two figures per key:
// - terminal_echo_ms (the round trip): from the keydown event in the page (capture phase, the first moment
//   page code sees the key) to the echo's terminal.data frame arriving back in the page. The path: xterm's
//   input handler, the WebSocket to the host, the TTY exec into the container, the shell's echo, the
//   host's terminal.data event. A tap on the page's WebSocket (see WS_TAP_INIT) marks both ends.
// - terminal_echo_painted_ms: on to the MutationObserver callback in which xterm's DOM shows the echoed
//   character at the end of the prompt row: adds xterm's parser and the wait for its next display frame
//   (one frame is 16.7 ms at 60 Hz, whatever the transport does).
import type { Page } from 'playwright-core';
import { echoProbe, FRAME_INTERVAL_PROBE } from './pageProbes.js';
import { pollInPage } from './browser.js';
import { figure, percentile, spreadOf } from '../stats.js';

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
  await term
    .locator('.xterm-rows')
    .filter({ hasText: `@${node} ` })
    .waitFor({ timeout: 30_000 });
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
  const painted = readings.map((r) => r.total);
  const part = (pick: (r: EchoReading) => number | null): number[] => readings.map(pick).filter((x): x is number => x !== null);
  const roundTrips = part((r) => (r.toSend === null || r.roundTrip === null ? null : r.toSend + r.roundTrip));
  if (painted.length === 0) throw new Error(`no keystroke echo seen in ${node}'s terminal (${misses} misses)`);
  if (roundTrips.length < painted.length / 2) throw new Error(`the page's WebSocket tap saw only ${roundTrips.length} of ${painted.length} echoes`);
  log(
    `terminal echo: ${painted.length} keys; round trip p50 ${percentile(roundTrips, 0.5).toFixed(1)} ms; painted p50 ${percentile(painted, 0.5).toFixed(1)} ms, p90 ${percentile(painted, 0.9).toFixed(1)} ms, max ${Math.max(...painted).toFixed(1)} ms; ${misses} not seen within 3 s; the page draws a frame every ${frameMs.toFixed(1)} ms`,
  );
  return {
    ...figure('terminal_echo_ms_p50', roundTrips),
    ...figure('terminal_echo_painted_ms_p50', painted),
    terminal_echo_painted_ms_p90: Math.round(percentile(painted, 0.9) * 10) / 10,
    terminal_echo_misses: misses,
    ui_frame_interval_ms: Math.round(frameMs * 10) / 10,
    terminal_echo_parts_ms: {
      key_to_input_sent: spreadOf(part((r) => r.toSend)),
      input_sent_to_output_arrived: spreadOf(part((r) => r.roundTrip)),
      output_arrived_to_dom: spreadOf(part((r) => r.toDom)),
    },
  };
}
