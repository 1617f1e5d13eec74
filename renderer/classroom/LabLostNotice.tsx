// What a learner sees when the Docker engine running their lab went away: what happened, that their files
// and progress are kept, and what to do, until dismissed or until the lab runs again.
import { useEffect, useState } from 'preact/hooks';
import type { EventPayloads, HalabApi } from '../../common/contract.js';
import { useI18n } from '../i18n/context.js';
import { formatWhen } from './session.js';
import './engines.css';

type Lost = EventPayloads['lab.lost'];

export function LabLostNotice({ api }: { api: HalabApi }) {
  const { t, loc, lang } = useI18n();
  const [lost, setLost] = useState<Lost | null>(null);
  const [title, setTitle] = useState('');
  useEffect(() => {
    const offLost = api.on('lab.lost', (l) => {
      setLost(l);
      setTitle('');
      // The event names the lab by id; the learner knows it by its title.
      api.call('labs.get', { lab: l.lab }).then(
        (detail) => {
          setTitle(loc(detail.title));
        },
        () => undefined,
      );
    });
    const offChanged = api.on('lab.changed', (c) => {
      if (c.running) setLost((prev) => (prev?.lab === c.lab ? null : prev));
    });
    return () => {
      offLost();
      offChanged();
    };
  }, [api, loc]);
  if (!lost) return null;
  return (
    <div class="banner banner-error banner-lab-lost" role="alert" data-testid="lab-lost-notice">
      <strong>{t('engine.notice.title')}</strong>
      <span class="banner-lab-lost-text">{t('engine.notice.body', { lab: title || lost.lab, engine: lost.engine, time: formatWhen(lost.at, lang) })}</span>
      <button
        type="button"
        class="btn-link"
        onClick={() => {
          setLost(null);
        }}
        aria-label={t('common.dismiss')}
      >
        ×
      </button>
    </div>
  );
}
