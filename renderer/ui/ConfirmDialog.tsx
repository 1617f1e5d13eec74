// A small modal that asks before something destructive. Escape or the backdrop cancels; focus starts on
// Cancel so a stray Enter never confirms.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export interface ConfirmDialogProps {
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  cancelLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testid?: string;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  // Parents re-render often (live topology); the effect must run once, so it reads the latest callback here.
  const cancel = useRef(props.onCancel);
  cancel.current = props.onCancel;

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    cancelRef.current?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') cancel.current();
      if (e.key === 'Tab' && boxRef.current) {
        // Keep focus inside the dialog.
        const items = Array.from(boxRef.current.querySelectorAll<HTMLElement>('button'));
        const first = items[0];
        const last = items[items.length - 1];
        if (!first || !last) return;
        if (e.shiftKey && document.activeElement === first) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && document.activeElement === last) {
          e.preventDefault();
          first.focus();
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      previous?.focus();
    };
  }, []);

  return (
    <div
      class="modal-backdrop"
      onClick={(e) => {
        if (e.target === e.currentTarget) props.onCancel();
      }}
    >
      <div class="modal" role="dialog" aria-modal="true" aria-labelledby="confirm-title" ref={boxRef} data-testid={props.testid}>
        <h2 id="confirm-title">{props.title}</h2>
        <div class="modal-body">{props.children}</div>
        <div class="modal-actions">
          <button type="button" class="btn" ref={cancelRef} onClick={props.onCancel}>
            {props.cancelLabel}
          </button>
          <button type="button" class={`btn ${props.danger ? 'btn-danger' : 'btn-primary'}`} onClick={props.onConfirm} data-testid={props.testid ? `${props.testid}-confirm` : undefined}>
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
