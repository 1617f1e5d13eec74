// A draggable (and keyboard-operable) divider between the steps and the workspace; the width is remembered.
import { useEffect, useRef, useState } from 'preact/hooks';

const MIN = 320;
const MIN_RIGHT = 420;

function saved(key: string, fallback: number): number {
  try {
    const v = Number(globalThis.localStorage?.getItem(key));
    return Number.isFinite(v) && v >= MIN ? v : fallback;
  } catch {
    return fallback;
  }
}

export function useSplitter(key: string, initial: number) {
  const [leftWidth, setLeftWidth] = useState(() => saved(key, initial));
  const containerRef = useRef<HTMLDivElement>(null);
  const drag = useRef<{ startX: number; startW: number } | null>(null);

  const clamp = (w: number): number => {
    const total = containerRef.current?.clientWidth ?? 0;
    const max = total > 0 ? Math.max(MIN, total - MIN_RIGHT) : w;
    return Math.round(Math.min(Math.max(MIN, w), max));
  };

  useEffect(() => {
    try {
      globalThis.localStorage?.setItem(key, String(leftWidth));
    } catch {
      // not remembered; fine
    }
  }, [key, leftWidth]);

  const splitterProps = {
    role: 'separator' as const,
    'aria-orientation': 'vertical' as const,
    'aria-valuenow': leftWidth,
    'aria-valuemin': MIN,
    tabIndex: 0,
    onPointerDown: (e: PointerEvent) => {
      drag.current = { startX: e.clientX, startW: leftWidth };
      (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    },
    onPointerMove: (e: PointerEvent) => {
      if (drag.current) setLeftWidth(clamp(drag.current.startW + e.clientX - drag.current.startX));
    },
    onPointerUp: () => {
      drag.current = null;
    },
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'ArrowLeft') setLeftWidth((w) => clamp(w - 24));
      if (e.key === 'ArrowRight') setLeftWidth((w) => clamp(w + 24));
    },
  };
  return { leftWidth, splitterProps, containerRef };
}
