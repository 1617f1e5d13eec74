// VIP moves, newest first, with the measured gap: how long nobody answered for the VIP during the move. With
// the protocol feed, each move also shows the takeover the packets timed against the protocol's floor.
import type { TopologyState } from '../../common/contract.js';
import { useI18n } from '../i18n/context.js';
import { FailoverNote } from '../protocol/FailoverNote.js';
import { useThrottledView, type ProtocolStore } from '../protocol/useProtocol.js';
import { formatClock, formatDuration } from '../util/format.js';

const MAX_ROWS = 100;
/** The explanations follow the capture once a second: a move is explained a moment after it happens. */
const EXPLAIN_EVERY_MS = 1000;

export function Timeline({ timeline, protocol }: { timeline: TopologyState['timeline']; protocol?: ProtocolStore | undefined }) {
  const { t } = useI18n();
  const capture = useThrottledView(protocol, EXPLAIN_EVERY_MS);
  // Until the first reading arrives nothing is known: no "no capture" yet.
  const events = capture?.status ? capture.events : null;
  const rows = [...timeline].sort((a, b) => b.at - a.at).slice(0, MAX_ROWS);
  return (
    <section class="timeline" aria-labelledby="timeline-title">
      <h3 id="timeline-title">{t('timeline.title')}</h3>
      {rows.length === 0 ? (
        <p class="muted">{t('timeline.empty')}</p>
      ) : (
        <ol class="timeline-list" data-testid="timeline">
          {rows.map((r, i) => (
            <li key={`${r.at}-${r.vip}-${i}`} class="timeline-row" data-testid="timeline-row">
              <time class="timeline-time">{formatClock(r.at)}</time>
              <span class="timeline-vip">{r.vip}</span>
              <span class="timeline-move">
                <span class={r.from ? '' : 'muted'}>{r.from ?? t('timeline.nobody')}</span>
                <span role="img" aria-label={t('timeline.to')}>
                  {' '}
                  →{' '}
                </span>
                <span class={r.to ? '' : 'muted'}>{r.to ?? t('timeline.nobody')}</span>
              </span>
              <span class="timeline-gap" data-testid="timeline-gap">
                {r.gapMs === null ? t('timeline.noGap') : t('timeline.gap', { gap: formatDuration(r.gapMs) })}
              </span>
              {events && <FailoverNote move={r} events={events} />}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
