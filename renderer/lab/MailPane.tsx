// The nodes' local mail (what `mail` and keepalived's notify scripts deliver), refreshed while shown.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { HalabApi, MailMessage } from '../../common/contract.js';
import { useI18n } from '../i18n/context.js';
import { ErrorNote } from '../ui/ErrorNote.js';

const REFRESH_MS = 5000;

export function MailPane(props: { api: HalabApi; lab: string; running: boolean; active: boolean }) {
  const { api, lab, running, active } = props;
  const { t } = useI18n();
  const [mail, setMail] = useState<MailMessage[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [openIndex, setOpenIndex] = useState<number | null>(null);

  const load = useCallback(async (): Promise<void> => {
    try {
      setMail(await api.call('mail.list', { lab }));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [api, lab]);

  // Polls only while the tab is visible and the lab runs: bounded by what the learner looks at.
  useEffect(() => {
    if (!active || !running) return;
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      clearInterval(timer);
    };
  }, [active, running, load]);

  const sorted = [...(mail ?? [])].reverse();
  return (
    <div class="mail-pane" hidden={!active} data-testid="mail-pane">
      <div class="pane-head">
        <h3>{t('mail.title')}</h3>
        <button type="button" class="btn btn-small" disabled={!running} onClick={() => void load()} data-testid="mail-refresh">
          {t('mail.refresh')}
        </button>
      </div>
      {!running && <p class="note note-info">{t('mail.needsLab')}</p>}
      {error !== null && <ErrorNote error={error} onRetry={() => void load()} />}
      {running && mail !== null && mail.length === 0 && <p class="muted">{t('mail.empty')}</p>}
      {sorted.length > 0 && (
        <ul class="mail-list" aria-live="polite">
          {sorted.map((m, i) => (
            <li key={`${m.node}-${m.user}-${m.date}-${i}`} class="mail-item" data-testid="mail-item">
              <button
                type="button"
                class="mail-head"
                aria-expanded={openIndex === i}
                onClick={() => {
                  setOpenIndex(openIndex === i ? null : i);
                }}
              >
                <span class="mail-subject">{m.subject || t('mail.noSubject')}</span>
                <span class="mail-meta">
                  {t('mail.meta', { from: m.from, to: `${m.user}@${m.node}` })} · {m.date}
                </span>
              </button>
              {openIndex === i && <pre class="mail-body">{m.body}</pre>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
