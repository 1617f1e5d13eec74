// The class's results as a file, the way a learner downloads their own report: CSV for a spreadsheet,
// HTML to print or mail, JSON for other tools. Written by the server in the UI's language.
import { useState } from 'preact/hooks';
import type { HalabApi } from '../../common/contract.js';
import { useI18n } from '../i18n/context.js';
import { downloadText } from '../util/download.js';

const FORMATS = ['csv', 'html', 'json'] as const;
type Format = (typeof FORMATS)[number];

export function ClassReportButtons({ api }: { api: HalabApi }) {
  const { t, lang, err: describe } = useI18n();
  const [busy, setBusy] = useState<Format | null>(null);
  const [error, setError] = useState<unknown>(null);

  const exportAs = async (format: Format): Promise<void> => {
    setBusy(format);
    setError(null);
    try {
      const r = await api.call('class.report', { format, lang });
      downloadText(r.filename, r.mime, r.content);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div class="class-report" role="group" aria-labelledby="class-report-label">
      <span id="class-report-label" class="class-report-label">
        {t('class.report')}
      </span>
      {FORMATS.map((f) => (
        <button key={f} type="button" class="btn btn-small" disabled={busy !== null} title={t(`class.report.${f}`)} onClick={() => void exportAs(f)} data-testid={`class-report-${f}`}>
          {f.toUpperCase()}
        </button>
      ))}
      {error !== null && (
        <p class="menu-error" role="alert">
          {describe(error).message}
        </p>
      )}
    </div>
  );
}
