// One VIP move as the packets explain it, beside the measured gap: the takeover against the protocol's floor
// ("takeover 612 ms · floor 609 ms (graceful: skew)"), and on demand the packets in order from the old
// master's resignation or last advert to the client's first answer. Without a capture around the move it says
// so: no figure is made up.
import { useMemo } from 'preact/hooks';
import type { ProtocolEvent } from '../../common/protocol/events.js';
import { explainFailover, type FailoverCause, type FailoverExplanation, type VipMove } from '../../common/protocol/failover.js';
import { useI18n } from '../i18n/context.js';
import type { StringKey } from '../i18n/tables.js';
import { formatDuration } from '../util/format.js';

/** Events this far before a move cover a crashed master's last advert (3 x advert_int + skew, twice). */
const BEFORE_MS = 60_000;
/** And this far after it, the new master's adverts, GARPs and the client's first answer. */
const AFTER_MS = 30_000;

const CAUSE: Record<FailoverCause, StringKey> = {
  graceful: 'failover.cause.graceful',
  crash: 'failover.cause.crash',
  preempted: 'failover.cause.preempted',
  unknown: 'failover.cause.unknown',
};

/** The first index whose event is at or after `at` (events sorted by time). */
function lowerBound(events: readonly ProtocolEvent[], at: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((events[mid]?.at ?? Infinity) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The explanation from the events around the move only: the view keeps thousands. */
export function explainMove(move: VipMove, events: readonly ProtocolEvent[]): FailoverExplanation | undefined {
  const around = events.slice(lowerBound(events, move.at - BEFORE_MS), lowerBound(events, move.at + AFTER_MS));
  return explainFailover(move, around);
}

interface Step {
  key: string;
  at: number;
  text: string;
  kind: 'old' | 'floor' | 'new' | 'garp' | 'answer';
}

function stepsOf(x: FailoverExplanation, move: VipMove, t: (key: StringKey, vars?: Record<string, string | number>) => string): { startAt: number; steps: Step[] } | null {
  const oldNode = move.from ?? '?';
  const newNode = move.to ?? '?';
  const steps: Step[] = [];
  if (x.priorityZeroAt !== null) steps.push({ key: 'prio0', at: x.priorityZeroAt, text: t('failover.step.prio0', { node: oldNode }), kind: 'old' });
  else if (x.oldLastAdvertAt !== null) steps.push({ key: 'last', at: x.oldLastAdvertAt, text: t('failover.step.lastAdvert', { node: oldNode }), kind: 'old' });
  const startAt = steps[0]?.at ?? x.newFirstAdvertAt;
  if (startAt === null) return null;
  if (x.floorMs !== null) steps.push({ key: 'floor', at: startAt + x.floorMs, text: t('failover.step.floor'), kind: 'floor' });
  if (x.newFirstAdvertAt !== null) steps.push({ key: 'first', at: x.newFirstAdvertAt, text: t('failover.step.firstAdvert', { node: newNode, prio: x.newPriority ?? '?' }), kind: 'new' });
  if (x.garp) steps.push({ key: 'garp', at: x.garp.firstAt, text: t('failover.step.garp', { node: newNode, n: x.garp.count }), kind: 'garp' });
  if (x.firstAnswerAt !== null) steps.push({ key: 'answer', at: x.firstAnswerAt, text: t('failover.step.answer'), kind: 'answer' });
  return { startAt, steps: steps.sort((a, b) => a.at - b.at) };
}

const offset = (ms: number): string => (ms < 0 ? `−${formatDuration(-ms)}` : `+${formatDuration(ms)}`);

export function FailoverNote({ move, events }: { move: VipMove; events: readonly ProtocolEvent[] }) {
  const { t } = useI18n();
  const x = useMemo(() => explainMove(move, events), [move, events]);
  if (move.to === null) return null;
  if (!x) {
    return (
      <p class="failover-line muted" data-testid="timeline-nocapture">
        {t('failover.noCapture')}
      </p>
    );
  }
  const cause = x.cause === 'unknown' && move.from === null ? t('failover.cause.first') : t(CAUSE[x.cause]);
  const plan = stepsOf(x, move, t);
  return (
    <div class="failover" data-testid="timeline-protocol" data-cause={x.cause}>
      <p class="failover-line">
        {x.takeoverMs !== null && (
          <span class="failover-takeover" data-testid="timeline-takeover">
            {t('failover.takeover', { time: formatDuration(x.takeoverMs) })}
          </span>
        )}
        {x.takeoverMs !== null && x.floorMs !== null && ' · '}
        {x.floorMs !== null && (
          <span class="failover-floor" data-testid="timeline-floor">
            {t('failover.floor', { time: formatDuration(x.floorMs) })}
          </span>
        )}{' '}
        <span class="failover-cause" data-testid="timeline-cause">
          {t('failover.causeNote', { cause })}
        </span>
      </p>
      {plan && (
        <details class="failover-details" data-testid="timeline-details">
          <summary>{t('failover.details')}</summary>
          <ol class="failover-steps">
            {plan.steps.map((s) => (
              <li key={s.key} class={`failover-step step-${s.kind}`} data-step={s.key}>
                <span class="failover-offset">{offset(s.at - plan.startAt)}</span>
                <span>{s.text}</span>
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
