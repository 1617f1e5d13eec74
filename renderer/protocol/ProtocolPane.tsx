// The workspace's protocol tab: what crosses the lab network, as the lab's observer captures it. A status
// line (capturing, and from which node's namespace), filters, Pause, the last 30 seconds on a time axis, and
// the packets grouped into rows ("lb01 advert VRID 50 prio 150 ×42, every 1.00 s").
import { useMemo, useState } from 'preact/hooks';
import type { ProtocolEvent } from '../../common/protocol/events.js';
import { rowsOf, type StreamRow } from '../../common/protocol/streamRows.js';
import { useI18n } from '../i18n/context.js';
import type { StringKey } from '../i18n/tables.js';
import { ErrorNote } from '../ui/ErrorNote.js';
import { formatClock } from '../util/format.js';
import '../styles/protocol.css';
import { RowList } from './RowList.js';
import { ALL_KINDS, eventPasses, KIND_FILTERS, shownRows, vridsSeen, type KindFilter, type RowFilters } from './rows.js';
import { TimeAxis } from './TimeAxis.js';
import { useFramedView, type ProtocolStatus, type ProtocolStore } from './useProtocol.js';

/** What the list showed when Pause was pressed; the live view goes on underneath. */
interface Frozen {
  rows: StreamRow[];
  events: readonly ProtocolEvent[];
  received: number;
  at: number;
}

const KIND_FILTER_LABEL: Record<KindFilter, StringKey> = {
  advert: 'proto.show.advert',
  garp: 'proto.show.garp',
  arp: 'proto.show.arp',
  probe: 'proto.show.probe',
};

export type StatusState = 'connecting' | 'capturing' | 'recorded' | NonNullable<ProtocolStatus['problem']>;

export function statusState(status: ProtocolStatus | null): StatusState {
  if (status === null) return 'connecting';
  if (status.problem) return status.problem;
  return status.capturing ? 'capturing' : 'recorded';
}

const STATUS_TEXT: Record<StatusState, StringKey> = {
  connecting: 'proto.status.connecting',
  capturing: 'proto.status.capturing',
  recorded: 'proto.status.recorded',
  notRunning: 'proto.status.notRunning',
  noObserver: 'proto.status.noObserver',
  notRecording: 'proto.status.notRecording',
};

function StatusLine({ status }: { status: ProtocolStatus | null }) {
  const { t } = useI18n();
  const state = statusState(status);
  const node = status?.observer ?? '?';
  return (
    <p class={`proto-status is-${state}`} role="status" data-testid="protocol-status" data-state={state}>
      <span class="proto-status-dot" aria-hidden="true" />
      <span>{t(STATUS_TEXT[state], { node })}</span>
      {status?.observer && (state === 'capturing' || state === 'recorded') && <span class="muted proto-status-hint">{t('proto.status.hears', { node })}</span>}
    </p>
  );
}

export interface ProtocolPaneProps {
  store: ProtocolStore;
  nodes: readonly string[];
  active: boolean;
}

export function ProtocolPane({ store, nodes, active }: ProtocolPaneProps) {
  const { t } = useI18n();
  const view = useFramedView(store, active);
  const [filters, setFilters] = useState<RowFilters>({ vrid: null, node: null, kinds: ALL_KINDS });
  const [frozen, setFrozen] = useState<Frozen | null>(null);

  const liveRows = useMemo(() => rowsOf(view.rows), [view.rows]);
  const rows = frozen?.rows ?? liveRows;
  const events = frozen?.events ?? view.events;
  const shown = useMemo(() => shownRows(rows, filters), [rows, filters]);
  const axisEvents = useMemo(
    () => (filters.vrid === null && filters.node === null && filters.kinds.size === KIND_FILTERS.length ? events : events.filter((e) => eventPasses(e, filters))),
    [events, filters],
  );
  const vrids = vridsSeen(liveRows);
  if (filters.vrid !== null && !vrids.includes(filters.vrid)) vrids.push(filters.vrid);
  const waiting = frozen ? Math.max(0, view.received - frozen.received) : 0;

  const togglePause = (): void => {
    setFrozen((f) => (f ? null : { rows: liveRows, events: view.events, received: view.received, at: Date.now() }));
  };
  const setKind = (k: KindFilter, on: boolean): void => {
    setFilters((f) => {
      const kinds = new Set(f.kinds);
      if (on) kinds.add(k);
      else kinds.delete(k);
      return { ...f, kinds };
    });
  };

  const empty = rows.length === 0 ? t(view.status?.capturing ? 'proto.emptyCapturing' : 'proto.empty') : t('proto.emptyFiltered');
  return (
    <div class="protocol-pane" hidden={!active} data-testid="protocol-pane">
      <div class="proto-head">
        <h3>{t('proto.title')}</h3>
        <StatusLine status={view.status} />
      </div>
      {view.error !== null && <ErrorNote error={view.error} />}
      <div class="proto-controls">
        <label class="proto-select">
          <span>{t('proto.filter.vrid')}</span>
          <select
            value={filters.vrid === null ? '' : String(filters.vrid)}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setFilters((f) => ({ ...f, vrid: v === '' ? null : Number(v) }));
            }}
            data-testid="protocol-filter-vrid"
          >
            <option value="">{t('proto.filter.allVrids')}</option>
            {vrids.map((v) => (
              <option key={v} value={String(v)}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label class="proto-select">
          <span>{t('proto.filter.node')}</span>
          <select
            value={filters.node ?? ''}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setFilters((f) => ({ ...f, node: v === '' ? null : v }));
            }}
            data-testid="protocol-filter-node"
          >
            <option value="">{t('proto.filter.allNodes')}</option>
            {nodes.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <fieldset class="proto-kinds">
          <legend class="visually-hidden">{t('proto.filter.kinds')}</legend>
          {KIND_FILTERS.map((k) => (
            <label key={k} class="proto-kind-toggle">
              <input
                type="checkbox"
                checked={filters.kinds.has(k)}
                onChange={(e) => {
                  setKind(k, e.currentTarget.checked);
                }}
                data-testid={`protocol-kind-${k}`}
              />
              {t(KIND_FILTER_LABEL[k])}
            </label>
          ))}
        </fieldset>
        <div class="proto-pause">
          {frozen && (
            <span class="proto-waiting" data-testid="protocol-waiting" data-waiting={waiting}>
              {t('proto.pausedAt', { time: formatClock(frozen.at) })} · {t('proto.waiting', { n: waiting })}
            </span>
          )}
          <button type="button" class={`btn btn-small ${frozen ? 'btn-primary' : ''}`} aria-pressed={frozen !== null} onClick={togglePause} data-testid="protocol-pause">
            {frozen ? t('proto.resume') : t('proto.pause')}
          </button>
        </div>
      </div>
      <TimeAxis events={axisEvents} nodes={nodes} endAt={frozen?.at ?? null} active={active} />
      <RowList rows={shown.rows} allRows={rows} active={active} empty={empty} />
      {shown.matching > shown.rows.length && (
        <p class="muted small proto-capped" data-testid="protocol-capped">
          {t('proto.capped', { n: shown.rows.length, total: shown.matching })}
        </p>
      )}
    </div>
  );
}
