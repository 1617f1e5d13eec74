// The same-run baseline of terminal throughput: xterm.js by itself in a blank page of the same Chromium,
// at the app terminal's size and font, taking the same kind of text (base64 lines of 100 characters with
// the TTY's CRLF) in chunks of the size the host sends, with at most 1 M characters unparsed as the app's
// flow control allows. No host, Docker or WebSocket: what is left is xterm's own parse and draw, the
// ceiling that the app's figure is divided by.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { VIEWPORT } from './browser.js';

const require = createRequire(import.meta.url);
const XTERM_DIR = dirname(require.resolve('@xterm/xterm/package.json'));

export interface TerminalLook {
  width: number;
  height: number;
  fontFamily: string;
  fontSize: number;
}

/** The size and font of a node's terminal in the app's page. */
export async function terminalLook(page: Page, node: string): Promise<TerminalLook> {
  return page.evaluate<TerminalLook>(`(() => {
    const pane = document.querySelector('[data-testid="term-${node}"]');
    const rows = pane && pane.querySelector('.xterm-rows');
    if (!pane || !rows) throw new Error('no terminal for ${node}');
    const box = pane.getBoundingClientRect();
    const style = getComputedStyle(rows);
    return { width: box.width, height: box.height, fontFamily: style.fontFamily, fontSize: parseFloat(style.fontSize) };
  })()`);
}

/** Fills the page with the text, then times writing all of it until the frame that shows its end. */
const RUN_IN_PAGE = `async ({ look, outputChars, chunkChars, highChars, lineChars }) => {
  const el = document.getElementById('term');
  Object.assign(el.style, { width: look.width + 'px', height: look.height + 'px' });
  const term = new Terminal({ scrollback: 5000, fontSize: look.fontSize, fontFamily: look.fontFamily, theme: { background: '#1e1e1e', foreground: '#d4d4d4' } });
  term.open(el);
  const lines = [];
  const random = new Uint8Array(lineChars / 4 * 3);
  let made = 0;
  while (made < outputChars) {
    crypto.getRandomValues(random);
    const line = btoa(String.fromCharCode(...random)) + '\\r\\n';
    lines.push(line);
    made += line.length - 1; // counted as the command's output: one newline, not the TTY's CRLF
  }
  const text = lines.join('');
  const chunks = [];
  for (let i = 0; i < text.length; i += chunkChars) chunks.push(text.slice(i, i + chunkChars));
  await new Promise((r) => requestAnimationFrame(() => r()));
  const started = performance.now();
  await new Promise((resolve) => {
    let next = 0;
    let unparsed = 0;
    const pump = () => {
      while (next < chunks.length && unparsed < highChars) {
        const chunk = chunks[next++];
        unparsed += chunk.length;
        term.write(chunk, () => {
          unparsed -= chunk.length;
          if (next >= chunks.length && unparsed === 0) resolve();
          else pump();
        });
      }
    };
    pump();
  });
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
  const ms = performance.now() - started;
  term.dispose();
  return { ms, chars: made };
}`;

export interface AloneOptions {
  outputChars: number;
  chunkChars: number;
  highChars: number;
  lineChars: number;
}

/** MB/s (10^6 bytes of output per second) of each run. */
export async function xtermAloneRates(browser: Browser, look: TerminalLook, opts: AloneOptions, runs: number): Promise<number[]> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.setContent('<!doctype html><html><body style="margin:0;background:#1e1e1e"><div id="term"></div></body></html>');
    await page.addStyleTag({ path: join(XTERM_DIR, 'css', 'xterm.css') });
    await page.addScriptTag({ path: join(XTERM_DIR, 'lib', 'xterm.js') });
    const rates: number[] = [];
    for (let r = 0; r < runs; r++) {
      const { ms, chars } = await page.evaluate<{ ms: number; chars: number }>(`(${RUN_IN_PAGE})(${JSON.stringify({ look, ...opts })})`);
      rates.push(chars / 1e6 / (ms / 1000));
    }
    return rates;
  } finally {
    await context.close().catch(() => undefined);
  }
}
