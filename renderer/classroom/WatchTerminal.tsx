// A read-only screen of a learner's terminal into one node: xterm.js with input switched off, as wide as the
// learner's (so lines wrap where theirs do) and at least as tall, more rows when the box has room (they show
// more of what scrolled by), fed by a WatchLink. A learner's screen larger than the box is drawn in a smaller
// font, down to MIN_FONT_SIZE, so the instructor sees all of it; beyond that the box scrolls.
// When the learner's terminal ends, the screen keeps its last text and a status line says why; it follows
// the learner's next terminal into the node as soon as the server lists one again.
import { Terminal } from '@xterm/xterm';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { HalabApi } from '../../common/contract.js';
import { TERMINAL_FONT_SIZE } from '../terminal/mountTerminal.js';
import { WriteCoalescer } from '../terminal/writeCoalescer.js';
import { onSettledResize } from '../terminal/terminalFeed.js';
import { useInspectText } from './inspectStrings.js';
import { WatchLink, type WatchState } from './watchLink.js';

/** Smaller than this is hard to read on a classroom projector: the box scrolls instead. */
const MIN_FONT_SIZE = 10;

export interface WatchTerminalProps {
  api: HalabApi;
  learner: string;
  lab: string;
  node: string;
  /** The server lists a terminal of the learner into this node now. */
  available: boolean;
}

export function WatchTerminal({ api, learner, lab, node, available }: WatchTerminalProps) {
  const text = useInspectText();
  const box = useRef<HTMLDivElement>(null);
  const link = useRef<WatchLink | null>(null);
  const [state, setState] = useState<WatchState>({ kind: 'connecting' });

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const term = new Terminal({
      disableStdin: true,
      cursorBlink: false,
      scrollback: 5000,
      fontSize: TERMINAL_FONT_SIZE,
      lineHeight: 1.2,
      fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, "Noto Sans Mono CJK SC", "Microsoft YaHei Mono", monospace',
      theme: { background: '#1e1e1e', foreground: '#d4d4d4' },
      allowProposedApi: true,
    });
    term.loadAddon(new Unicode11Addon());
    term.unicode.activeVersion = '11';
    term.open(el);
    let learnerSize = { cols: term.cols, rows: term.rows };
    // Rows that fit the box, from a row as drawn (the renderer rounds each row's height, so the font's own
    // figures overestimate); none while the tab is hidden: the next observation sizes it.
    const roomRows = (): number => {
      const rowHeight = el.querySelector('.xterm-rows > div')?.getBoundingClientRect().height ?? 0;
      return rowHeight > 0 ? Math.floor(el.clientHeight / rowHeight) : 0;
    };
    const size = (): void => {
      const rows = Math.max(learnerSize.rows, roomRows());
      if (term.cols !== learnerSize.cols || term.rows !== rows) term.resize(learnerSize.cols, rows);
    };
    // The font that shows the learner's whole screen in the box, scaled from the one drawn now.
    const fitFont = (): void => {
      const rowHeight = el.querySelector('.xterm-rows > div')?.getBoundingClientRect().height ?? 0;
      const drawnWidth = el.querySelector('.xterm-screen')?.getBoundingClientRect().width ?? 0;
      if (rowHeight <= 0 || drawnWidth <= 0 || el.clientHeight <= 0) return;
      const over = Math.max((learnerSize.rows * rowHeight) / el.clientHeight, (learnerSize.cols * (drawnWidth / term.cols)) / el.clientWidth);
      const now = term.options.fontSize ?? TERMINAL_FONT_SIZE;
      const font = Math.min(TERMINAL_FONT_SIZE, Math.max(MIN_FONT_SIZE, Math.floor(now / over)));
      if (font === now) return;
      term.options.fontSize = font;
      // Rows are measured again once drawn in the new font.
      requestAnimationFrame(size);
    };
    const layout = (): void => {
      fitFont();
      size();
    };
    const stopResizeWatch = onSettledResize(el, layout);
    const output = new WriteCoalescer((data, done) => {
      term.write(data, done);
    });
    const watch = new WatchLink(
      api,
      { learner, lab, node },
      {
        write: (data, done) => {
          output.write(data, done);
        },
        reset: (cols, rows) => {
          term.reset();
          learnerSize = { cols, rows };
          layout();
        },
        resize: (cols, rows) => {
          learnerSize = { cols, rows };
          layout();
        },
      },
      setState,
    );
    link.current = watch;
    return () => {
      stopResizeWatch();
      link.current = null;
      watch.dispose();
      output.dispose();
      term.dispose();
    };
  }, [api, learner, lab, node]);

  // (Re)attach whenever the learner has a terminal here and this view is not showing one.
  useEffect(() => {
    const watch = link.current;
    if (available && watch && watch.state.kind !== 'open') void watch.open();
  }, [available, state.kind === 'open']);

  const status =
    state.kind === 'connecting'
      ? text('inspect.connecting', { node })
      : state.kind === 'ended'
        ? text(state.nodeStopped ? 'inspect.stopped' : 'inspect.ended', { node })
        : state.kind === 'failed'
          ? text('inspect.failed', { message: state.message })
          : null;

  return (
    <div class="inspect-term" data-testid={`inspect-term-${node}`} data-state={state.kind}>
      <div class="inspect-term-screen" ref={box} role="log" aria-label={text('inspect.terminalOf', { node })} aria-readonly="true" />
      {status && (
        <p class="inspect-term-status" role="status" aria-live="polite">
          {status}
        </p>
      )}
    </div>
  );
}
