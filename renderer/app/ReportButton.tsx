// Exports the learner's progress (for themselves or an instructor) as HTML or JSON.
import { useState } from 'preact/hooks';
import { MenuButton } from '../ui/MenuButton.js';
import type { HalabApi } from '../../common/contract.js';
import { useI18n } from '../i18n/context.js';
import { downloadText } from '../util/download.js';

export function ReportButton({ api }: { api: HalabApi }) {
  const { t, lang, err: describe } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const exportAs = async (format: 'html' | 'json', close: () => void): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.call('progress.report', { format, lang });
      downloadText(r.filename, r.mime, r.content);
      close();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <MenuButton label={t('report.button')} menuLabel={t('report.button')} testid="report-button">
      {(close) => (
        <>
          <p class="menu-hint">{t('report.hint')}</p>
          <button type="button" class="btn btn-small" disabled={busy} onClick={() => void exportAs('html', close)} data-testid="report-html">
            {t('report.html')}
          </button>
          <button type="button" class="btn btn-small" disabled={busy} onClick={() => void exportAs('json', close)} data-testid="report-json">
            {t('report.json')}
          </button>
          {error !== null && (
            <p class="menu-error" role="alert">
              {describe(error).message}
            </p>
          )}
        </>
      )}
    </MenuButton>
  );
}
