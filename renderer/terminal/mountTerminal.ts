// The terminal widget: an xterm.js screen wired to one node's shell through the typed API. Fits its box
// (ResizeObserver, debounced) and tells the backend the new size; acknowledges output once rendered so
// the backend's flow control can work; paces floods (writeCoalescer); copy/paste keys; a status line
// when the shell is not connected.
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import '@xterm/xterm/css/xterm.css';
import type { HalabApi } from '../../common/contract.js';
import { TerminalConnection, type ConnectionState } from './connection.js';
import { clipboardAction } from './clipboardKeys.js';
import { terminalText, type TerminalLang } from './strings.js';
import { WriteCoalescer } from './writeCoalescer.js';
import { onSettledResize } from './terminalFeed.js';

export interface TerminalOptions {
  lab: string;
  node: string;
  lang: TerminalLang;
  /** CSS pixels; the app's size (TERMINAL_FONT_SIZE) unless given. */
  fontSize?: number;
}

/** The terminal's font size: the only one the app offers (browser or Electron zoom scales it, as the page's). */
export const TERMINAL_FONT_SIZE = 14;
/** Row height as a multiple of the font's own line height: see the Terminal's options below. */
const TERMINAL_LINE_HEIGHT = 1.2;

export interface TerminalHandle {
  dispose(): void;
  focus(): void;
  fit(): void;
  /** Switches the language of the status line. */
  setLang(lang: TerminalLang): void;
}

const FLASH_MS = 4000;

function statusText(state: ConnectionState, node: string, lang: TerminalLang): string | null {
  switch (state.kind) {
    case 'open':
    case 'disposed':
      return null;
    case 'connecting':
      return terminalText(lang, 'terminal.connecting', { node });
    case 'waiting-node':
      return terminalText(lang, 'terminal.nodeStopped', { node });
    case 'closed':
      if (state.why === 'error') return terminalText(lang, 'terminal.brokenLink');
      return state.code === null || state.code === 0 ? terminalText(lang, 'terminal.closed') : terminalText(lang, 'terminal.shellExited', { code: state.code });
    case 'failed':
      return state.code === 'E_NOT_RUNNING' ? terminalText(lang, 'terminal.labStopped') : terminalText(lang, 'terminal.failed', { node, message: state.message });
  }
}

function makeStatusLine(): HTMLDivElement {
  const line = document.createElement('div');
  line.className = 'halab-terminal-status';
  line.setAttribute('role', 'status');
  line.setAttribute('aria-live', 'polite');
  // Styles through the CSSOM (allowed under a strict CSP); the app's stylesheet may override the class.
  Object.assign(line.style, {
    position: 'absolute',
    left: '0',
    right: '0',
    bottom: '0',
    padding: '4px 10px',
    font: '13px system-ui, sans-serif',
    color: '#1d1d1d',
    background: 'rgba(255, 214, 102, 0.95)',
    display: 'none',
    zIndex: '10',
  });
  return line;
}

export function mountTerminal(el: HTMLElement, api: HalabApi, opts: TerminalOptions): TerminalHandle {
  let lang = opts.lang;
  const root = document.createElement('div');
  root.className = 'halab-terminal';
  Object.assign(root.style, { position: 'relative', width: '100%', height: '100%', overflow: 'hidden' });
  const screen = document.createElement('div');
  Object.assign(screen.style, { position: 'absolute', inset: '0' });
  const statusLine = makeStatusLine();
  root.append(screen, statusLine);
  el.append(root);

  const term = new Terminal({
    cursorBlink: true,
    scrollback: 5000,
    fontSize: opts.fontSize ?? TERMINAL_FONT_SIZE,
    // Rows a fifth taller than the font. xterm's DOM renderer makes each row exactly as tall as the font's
    // ascent + descent (rounded) and clips it; the underscore lies at the very bottom of the descent, so at
    // 14 px in DejaVu Sans Mono (the Linux fallback) it fell outside the row and was never painted, while a
    // copy still gave it back. The extra height centres the glyphs with room below them, so underscores,
    // CJK and box drawing are painted at every size and zoom (test/e2e/terminalPaint.test.ts).
    lineHeight: TERMINAL_LINE_HEIGHT,
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, "Noto Sans Mono CJK SC", "Microsoft YaHei Mono", monospace',
    theme: { background: '#1e1e1e', foreground: '#d4d4d4' },
    // The Unicode 11 width tables are an addon behind xterm's proposed API.
    allowProposedApi: true,
  });
  const fitAddon = new FitAddon();
  term.loadAddon(fitAddon);
  // Unicode 11 widths, not xterm's default 6: ✓, emoji and CJK punctuation in zh-CN output take the cells the
  // shell counted, so the cursor stays where the text ends.
  term.loadAddon(new Unicode11Addon());
  term.unicode.activeVersion = '11';
  term.open(screen);
  term.textarea?.setAttribute('aria-label', terminalText(lang, 'terminal.label', { node: opts.node }));

  // Every write goes through the coalescer, so text keeps its order whichever path wrote it.
  const output = new WriteCoalescer((data, done) => {
    term.write(data, done);
  });
  let flashTimer: ReturnType<typeof setTimeout> | undefined;
  const showStatus = (): void => {
    const text = statusText(conn.state, opts.node, lang);
    statusLine.textContent = text ?? '';
    statusLine.style.display = text === null ? 'none' : 'block';
  };
  const flash = (text: string): void => {
    statusLine.textContent = text;
    statusLine.style.display = 'block';
    clearTimeout(flashTimer);
    flashTimer = setTimeout(showStatus, FLASH_MS);
  };

  const conn = new TerminalConnection(
    api,
    { lab: opts.lab, node: opts.node },
    {
      write: (data, done) => {
        output.write(data, done);
      },
      size: () => ({ cols: term.cols, rows: term.rows }),
    },
    {
      onState: () => {
        clearTimeout(flashTimer);
        showStatus();
      },
      onReconnected: () => {
        output.write(`\r\n\x1b[2m── ${terminalText(lang, 'terminal.reconnected', { node: opts.node })} ──\x1b[0m\r\n`);
      },
    },
  );

  const fit = (): void => {
    try {
      fitAddon.fit(); // resizes the terminal when the box changed; onResize below tells the backend
    } catch {
      // not laid out yet (hidden tab): the next observation fits it
    }
  };

  term.onData((data) => {
    conn.input(data);
  });
  term.onResize(({ cols, rows }) => {
    conn.resize(cols, rows);
  });

  term.attachCustomKeyEventHandler((ev) => {
    const action = clipboardAction(ev, term.hasSelection());
    if (!action) return true;
    if (ev.type !== 'keydown') return false;
    ev.preventDefault();
    const clip = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
    if (action === 'copy') {
      const text = term.getSelection();
      if (text)
        clip?.writeText(text).catch(() => {
          flash(terminalText(lang, 'terminal.clipboardDenied'));
        });
    } else if (clip) {
      clip
        .readText()
        .then((text) => {
          if (text) term.paste(text);
        })
        .catch(() => {
          flash(terminalText(lang, 'terminal.clipboardDenied'));
        });
    } else {
      flash(terminalText(lang, 'terminal.clipboardDenied'));
    }
    return false;
  });

  const stopResizeWatch = onSettledResize(root, fit);

  fit();
  showStatus();
  conn.start();

  return {
    dispose: () => {
      stopResizeWatch();
      clearTimeout(flashTimer);
      conn.dispose();
      output.dispose();
      term.dispose();
      root.remove();
    },
    focus: () => {
      term.focus();
    },
    fit,
    setLang: (next) => {
      lang = next;
      term.textarea?.setAttribute('aria-label', terminalText(lang, 'terminal.label', { node: opts.node }));
      showStatus();
    },
  };
}
