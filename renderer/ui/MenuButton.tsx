// A button that opens a small menu below it, closed by a click outside it or by Escape, like every menu of
// the desktop. The menu's content gets the function that closes it (an export closes it once done).
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface MenuButtonProps {
  label: ComponentChildren;
  /** The menu's accessible name. */
  menuLabel: string;
  testid: string;
  menuClass?: string;
  menuTestid?: string;
  children: (close: () => void) => ComponentChildren;
}

export function MenuButton(props: MenuButtonProps) {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => {
    setOpen(false);
  }, []);
  const rootRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent): void => {
      if (rootRef.current && e.target instanceof Node && !rootRef.current.contains(e.target)) close();
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') close();
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, close]);

  return (
    <div class="menu" ref={rootRef}>
      <button
        type="button"
        class="btn btn-ghost"
        aria-haspopup="true"
        aria-expanded={open}
        onClick={() => {
          setOpen(!open);
        }}
        data-testid={props.testid}
      >
        {props.label}
      </button>
      {open && (
        <div class={`menu-popover${props.menuClass ? ` ${props.menuClass}` : ''}`} role="group" aria-label={props.menuLabel} {...(props.menuTestid ? { 'data-testid': props.menuTestid } : {})}>
          {props.children(close)}
        </div>
      )}
    </div>
  );
}
