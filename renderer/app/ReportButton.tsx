// Exports the learner's progress (for themselves or an instructor) as HTML or JSON.
import { useCallback, useState } from 'preact/hooks';
import { useMenuDismiss } from '../ui/useMenuDismiss.js';
import type { HalabApi } from '../../common/contract.js';
import { useI18n } from '../i18n/context.js';
import { downloadText } from '../util/download.js';

export function ReportButton({ api }: { api: HalabApi }) {
  const { t, lang, err: describe } = useI18n();
  const [open, setOpen] = useState(false);
  const closeMenu = useCallback(() => {
    setOpen(false);
  }, []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const rootRef = useMenuDismiss(open, closeMenu);

  const exportAs = async (format: 'html' | 'json'): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.call('progress.report', { format, lang });
      downloadText(r.filename, r.mime, r.content);
      setOpen(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

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
        data-testid="report-button"
      >
        {t('report.button')}
      </button>
      {open && (
        <div class="menu-popover" role="group" aria-label={t('report.button')}>
          <p class="menu-hint">{t('report.hint')}</p>
          <button type="button" class="btn btn-small" disabled={busy} onClick={() => void exportAs('html')} data-testid="report-html">
            {t('report.html')}
          </button>
          <button type="button" class="btn btn-small" disabled={busy} onClick={() => void exportAs('json')} data-testid="report-json">
            {t('report.json')}
          </button>
          {error !== null && (
            <p class="menu-error" role="alert">
              {describe(error).message}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
