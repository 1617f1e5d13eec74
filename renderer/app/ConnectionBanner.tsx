// Tells the learner when the link to the host or Docker is gone, and that the app is trying again; or, when
// the host ended this page's session for good (link revoked or replaced, learner removed, too many pages),
// why, and what to do: that page will not reconnect.
import { useEffect, useState } from 'preact/hooks';
import type { HalabApi } from '../../common/contract.js';
import type { ConnectionStore } from '../api/connection.js';
import { useI18n } from '../i18n/context.js';
import { useStore } from '../util/useStore.js';

export function ConnectionBanner({ connection }: { connection: ConnectionStore }) {
  const { t } = useI18n();
  const state = useStore(connection);
  // Ticks only to re-render the countdown; the time itself is read fresh on every render.
  const [, setTick] = useState(0);
  const reconnecting = state.status === 'reconnecting';
  useEffect(() => {
    if (!reconnecting) return;
    const timer = setInterval(() => {
      setTick((n) => n + 1);
    }, 500);
    return () => {
      clearInterval(timer);
    };
  }, [reconnecting]);
  if (state.status === 'ended' && state.ended) {
    const { reason, limit } = state.ended;
    return (
      <div class="banner banner-error" role="alert" data-testid="session-ended" data-reason={reason}>
        <strong>{t(`session.${reason}.title`)}</strong>
        <span>{t(`session.${reason}.body`, { limit: limit ?? '' })}</span>
        {reason === 'tooManyTabs' && (
          <button
            type="button"
            class="btn"
            onClick={() => {
              window.location.reload();
            }}
          >
            {t('session.reload')}
          </button>
        )}
      </div>
    );
  }
  if (!reconnecting) return null;
  const secs = state.retryAt ? Math.max(0, Math.ceil((state.retryAt - Date.now()) / 1000)) : 0;
  return (
    <div class="banner banner-warn" role="status" aria-live="polite" data-testid="connection-banner">
      <span class="spinner" aria-hidden="true" />
      <strong>{t('conn.lost')}</strong>
      <span>{secs > 0 ? t('conn.retryIn', { s: secs }) : t('conn.retrying')}</span>
    </div>
  );
}

export function DockerBanner({ api }: { api: HalabApi }) {
  const { t } = useI18n();
  const [lost, setLost] = useState<string | null>(null);
  useEffect(
    () =>
      api.on('docker.connection', (p) => {
        setLost(p.ok ? null : (p.message ?? ''));
      }),
    [api],
  );
  if (lost === null) return null;
  return (
    <div class="banner banner-error" role="alert" data-testid="docker-banner">
      <strong>{t('docker.lostTitle')}</strong>
      <span>{t('docker.lostBody')}</span>
      {lost && <span class="banner-detail">{lost}</span>}
    </div>
  );
}
