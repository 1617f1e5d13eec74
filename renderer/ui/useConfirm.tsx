// A promise-returning confirm() drawn with the app's own dialog (for callers that ask, like the editor).
import type { VNode } from 'preact';
import { useCallback, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/context.js';
import { ConfirmDialog } from './ConfirmDialog.js';

export function useConfirm(title: string, confirmLabel: string): [VNode | null, (message: string) => Promise<boolean>] {
  const { t } = useI18n();
  const [message, setMessage] = useState<string | null>(null);
  const resolver = useRef<((ok: boolean) => void) | null>(null);
  const ask = useCallback((text: string) => {
    resolver.current?.(false);
    setMessage(text);
    return new Promise<boolean>((resolve) => {
      resolver.current = resolve;
    });
  }, []);
  const finish = (ok: boolean): void => {
    resolver.current?.(ok);
    resolver.current = null;
    setMessage(null);
  };
  const dialog =
    message === null ? null : (
      <ConfirmDialog
        title={title}
        confirmLabel={confirmLabel}
        cancelLabel={t('common.cancel')}
        danger
        onConfirm={() => {
          finish(true);
        }}
        onCancel={() => {
          finish(false);
        }}
      >
        <p>{message}</p>
      </ConfirmDialog>
    );
  return [dialog, ask];
}
