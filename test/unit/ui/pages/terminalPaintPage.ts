// A test page for test/e2e/terminalPaint.test.ts: the app's real terminal (renderer/terminal's mountTerminal,
// with its xterm options and CSS) mounted in a blank page, wired to a stand-in API whose shell prints what
// the test sends. Bundled by test/helpers/bundlePage.ts; the Node side drives it through
// `window.halabTerminalPage` and hands screenshots back to it to compare rows pixel by pixel.
import type { EventName, EventPayloads, HalabApi, MethodInput, MethodName, MethodOutput } from '../../../../common/contract.js';
import { TERMINAL_FONT_SIZE, mountTerminal, type TerminalHandle } from '../../../../renderer/terminal/mountTerminal.js';
// The app's own stylesheets around the terminal, as in the workspace.
import '../../../../renderer/styles/base.css';
import '../../../../renderer/styles/lab.css';

const SHELL_ID = 'paint-test';

/** One shell: terminal.open answers its id, `print` plays its output, and the view's acks say what it took in. */
class PrintingApi implements HalabApi {
  private readonly dataListeners = new Set<(payload: EventPayloads['terminal.data']) => void>();
  private printed = 0;
  private acked = 0;
  private ackWaiters: { chars: number; resolve: () => void }[] = [];
  private opened: (() => void) | undefined;
  /** The terminal's columns, as it told the backend on open and on every resize. */
  cols = 0;
  readonly open = new Promise<void>((resolve) => {
    this.opened = resolve;
  });

  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    if (method === 'terminal.ack') this.ack((input as MethodInput<'terminal.ack'>).chars);
    if (method === 'terminal.open' || method === 'terminal.resize') this.cols = (input as MethodInput<'terminal.resize'>).cols;
    const reply = Promise.resolve((method === 'terminal.open' ? { id: SHELL_ID } : { ok: true }) as MethodOutput<M>);
    // The connection takes the id in its continuation of this reply; ours is queued after it.
    if (method === 'terminal.open') void reply.then(() => this.opened?.());
    return reply;
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    if (event !== 'terminal.data') return () => undefined;
    const l = listener as (payload: EventPayloads['terminal.data']) => void;
    this.dataListeners.add(l);
    return () => this.dataListeners.delete(l);
  }

  /** Resolves once the terminal has acknowledged everything printed so far (it acks what xterm has parsed). */
  print(data: string): Promise<void> {
    this.printed += data.length;
    const chars = this.printed;
    const done = new Promise<void>((resolve) => this.ackWaiters.push({ chars, resolve }));
    for (const l of this.dataListeners) l({ id: SHELL_ID, data });
    return done;
  }

  private ack(chars: number): void {
    this.acked += chars;
    const ready = this.ackWaiters.filter((w) => w.chars <= this.acked);
    this.ackWaiters = this.ackWaiters.filter((w) => w.chars > this.acked);
    for (const w of ready) w.resolve();
  }
}

/** A row of the terminal in CSS pixels, relative to the terminal's screen element. */
export interface RowBox {
  top: number;
  height: number;
}

export interface RowDifference {
  /** Pixels (over the compared cells) whose colour differs by more than the threshold in some channel. */
  differing: number;
  /** Pixels compared in each row. */
  compared: number;
  /** The largest difference of any channel, 0-255. */
  maxDelta: number;
}

export interface TerminalPageHooks {
  /** The app's terminal font size. */
  fontSize: number;
  /** Mounts a fresh terminal in #term (the app's font size unless given); resolves once its shell is open. */
  mount(fontSize?: number): Promise<void>;
  /** Prints text as the shell would; resolves once xterm has taken it in and two frames have drawn it. */
  print(data: string): Promise<void>;
  /** The screen element's box in the page (for a screenshot's clip), its rows and its cell width, in CSS px. */
  layout(): { left: number; top: number; width: number; height: number; cellWidth: number; rows: RowBox[] };
  /** Compares two rows of a screenshot of the screen element (PNG, base64) over their first `cells` cells. */
  compareRows(png: string, a: number, b: number, cells: number, threshold: number): Promise<RowDifference>;
}

declare global {
  interface Window {
    halabTerminalPage: TerminalPageHooks;
  }
}

let current: { api: PrintingApi; handle: TerminalHandle; el: HTMLElement } | undefined;

const nextFrame = (): Promise<void> =>
  new Promise((resolve) => {
    requestAnimationFrame(() => {
      resolve();
    });
  });

function screenOf(): { screen: Element; rows: Element } {
  const screen = current?.el.querySelector('.xterm-screen');
  const rows = current?.el.querySelector('.xterm-rows');
  if (!screen || !rows) throw new Error('the terminal is not mounted');
  return { screen, rows };
}

function layout(): ReturnType<TerminalPageHooks['layout']> {
  const { screen, rows } = screenOf();
  const box = screen.getBoundingClientRect();
  const rowBoxes = [...rows.children].map((r) => {
    const b = r.getBoundingClientRect();
    return { top: b.top - box.top, height: b.height };
  });
  // The screen is exactly as wide as its columns.
  const cols = current?.api.cols ?? 0;
  return { left: box.left, top: box.top, width: box.width, height: box.height, cellWidth: cols > 0 ? box.width / cols : 0, rows: rowBoxes };
}

async function decode(png: string): Promise<ImageData> {
  const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  ctx.drawImage(bitmap, 0, 0);
  return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
}

window.halabTerminalPage = {
  fontSize: TERMINAL_FONT_SIZE,
  async mount(fontSize) {
    current?.handle.dispose();
    const el = document.getElementById('term');
    if (!el) throw new Error('no #term in the page');
    const api = new PrintingApi();
    const handle = mountTerminal(el, api, { lab: 'paint', node: 'lb01', lang: 'en', ...(fontSize === undefined ? {} : { fontSize }) });
    current = { api, handle, el };
    await api.open;
  },
  async print(data) {
    if (!current) throw new Error('mount first');
    await current.api.print(data);
    // xterm's DOM renderer redraws the changed rows on the next animation frame.
    await nextFrame();
    await nextFrame();
  },
  layout,
  async compareRows(png, a, b, cells, threshold) {
    const image = await decode(png);
    const { rows, cellWidth } = layout();
    const scale = devicePixelRatio; // the screenshot is taken in device pixels
    const ra = rows[a];
    const rb = rows[b];
    if (!ra || !rb) throw new Error(`no row ${a} or ${b}`);
    // A row covers the device pixels from its rounded top to its rounded bottom (rows sit at fractional CSS px).
    const span = (r: RowBox): [number, number] => [Math.round(r.top * scale), Math.round((r.top + r.height) * scale)];
    const [ya, endA] = span(ra);
    const [yb, endB] = span(rb);
    const h = Math.min(endA - ya, endB - yb, image.height - Math.max(ya, yb));
    const w = Math.min(image.width, Math.ceil(cells * cellWidth * scale));
    let differing = 0;
    let maxDelta = 0;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const ia = ((ya + y) * image.width + x) * 4;
        const ib = ((yb + y) * image.width + x) * 4;
        let delta = 0;
        for (let c = 0; c < 3; c++) delta = Math.max(delta, Math.abs((image.data[ia + c] ?? 0) - (image.data[ib + c] ?? 0)));
        maxDelta = Math.max(maxDelta, delta);
        if (delta > threshold) differing++;
      }
    }
    return { differing, compared: w * h, maxDelta };
  },
};
