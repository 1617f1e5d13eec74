// An SVG text that never runs past its room: the diagram's labels come in two languages and from lab packs
// (node names up to 31 characters, any VRRP instance name), so their widths are not known when the layout is
// made. The text is measured in its own computed font (a canvas measures without layout, so a hidden tab
// measures too) and cut with an ellipsis when it is too wide; `keep` is a tail that is never cut.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { SVGAttributes } from 'preact';

const ELLIPSIS = '…';
/** Glyphs drawn at a small scale (the diagram shrinks with the window) come out a little wider than measured. */
const SAFETY = 0.97;

let context: CanvasRenderingContext2D | null | undefined;

function measurer(el: Element): ((s: string) => number) | null {
  if (context === undefined) {
    try {
      context = document.createElement('canvas').getContext('2d');
    } catch {
      context = null; // no canvas (a DOM without one): the text is shown whole
    }
  }
  const ctx = context;
  if (!ctx) return null;
  const style = getComputedStyle(el);
  ctx.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  ctx.letterSpacing = style.letterSpacing === 'normal' ? '0px' : style.letterSpacing;
  return (s) => ctx.measureText(s).width;
}

/** The longest start of `text` that, with an ellipsis and `keep`, fits in `maxWidth`; the whole text if it fits. */
export function fitText(text: string, keep: string, maxWidth: number, width: (s: string) => number): string {
  const limit = maxWidth * SAFETY;
  if (width(text + keep) <= limit) return text + keep;
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (width(chars.slice(0, mid).join('').trimEnd() + ELLIPSIS + keep) <= limit) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('').trimEnd() + ELLIPSIS + keep;
}

export type FitTextProps = Omit<SVGAttributes<SVGTextElement>, 'children'> & {
  text: string;
  keep?: string;
  maxWidth: number;
};

export function FitText({ text, keep = '', maxWidth, ...rest }: FitTextProps) {
  const ref = useRef<SVGTextElement>(null);
  const key = `${text}\u0000${keep}\u0000${maxWidth}`;
  const [fitted, setFitted] = useState<{ key: string; shown: string } | null>(null);

  useLayoutEffect(() => {
    const el = ref.current;
    const width = el ? measurer(el) : null;
    const shown = width ? fitText(text, keep, maxWidth, width) : text + keep;
    setFitted((prev) => (prev?.key === key && prev.shown === shown ? prev : { key, shown }));
    // The class decides the font: re-measure when it changes too.
  }, [key, text, keep, maxWidth, rest.class]);

  return (
    <text ref={ref} {...rest}>
      {fitted?.key === key ? fitted.shown : text + keep}
    </text>
  );
}
