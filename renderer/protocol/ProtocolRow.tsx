// One row of the protocol list: a steady stream of one sender's packets ("lb01 advert VRID 50 prio 150 ×42,
// every 1.00 s"), with the fields that changed from the stream's row before shown as "150 → 0".
import { Component } from 'preact';
import type { AdvertEvent, ArpEvent, ProbeEvent } from '../../common/protocol/events.js';
import type { StreamRow } from '../../common/protocol/streamRows.js';
import { useI18n, type I18n } from '../i18n/context.js';
import type { StringKey } from '../i18n/tables.js';
import { formatClock, formatDuration } from '../util/format.js';
import { advertInterval, eventKind, seconds, senderOf, type RowKind } from './rows.js';

export const KIND_LABEL: Record<RowKind, StringKey> = {
  advert: 'proto.kind.advert',
  prio0: 'proto.kind.prio0',
  garp: 'proto.kind.garp',
  'arp-request': 'proto.kind.arpRequest',
  'arp-reply': 'proto.kind.arpReply',
  probe: 'proto.kind.probe',
};

/** A small glyph per kind, matching the marks of the time axis. */
export function KindGlyph({ kind }: { kind: RowKind }) {
  const shape: Record<RowKind, string> = {
    advert: 'M8 2v12',
    prio0: 'M3 3h10L8 13z',
    garp: 'M8 2l5 6-5 6-5-6z',
    'arp-request': 'M8 6v8M5 6h6',
    'arp-reply': 'M8 2v8M5 10h6',
    probe: 'M5 5h6v6H5z',
  };
  return (
    <svg class={`proto-glyph glyph-${kind}`} viewBox="0 0 16 16" aria-hidden="true">
      <path d={shape[kind]} />
    </svg>
  );
}

interface Field {
  name: string;
  label: string;
  value: string;
  /** The value in the stream's row before, when this field changed. */
  was?: string;
}

type Values = [name: string, label: StringKey | null, value: string][];

function advertValues(e: AdvertEvent, t: I18n['t']): Values {
  const v: Values = [
    ['vrid', 'proto.f.vrid', String(e.vrid)],
    ['priority', 'proto.f.prio', String(e.priority)],
    ['intervalMs', 'proto.f.interval', advertInterval(e.intervalMs)],
    ['version', null, `VRRPv${e.version}`],
  ];
  if (e.auth !== null) v.push(['auth', 'proto.f.auth', e.auth === 'none' ? t('proto.f.authNone') : e.auth.toUpperCase()]);
  v.push(['vips', 'proto.f.vips', e.vips.join(', ')], ['src', 'proto.f.src', e.src]);
  return v;
}

const arpValues = (e: ArpEvent): Values => [
  ['senderIp', null, e.senderIp],
  ['senderMac', null, e.senderMac],
  ['targetIp', null, e.targetIp],
];

const probeValues = (e: ProbeEvent): Values => [
  ['what', null, `${e.proto === 'icmp' ? 'ICMP' : 'TCP'} ${e.what}`],
  ['dst', null, e.port !== undefined ? `${e.src} → ${e.dst}:${e.port}` : `${e.src} → ${e.dst}`],
  ['from', null, e.from ?? '?'],
];

function valuesOf(row: StreamRow, t: I18n['t']): Values {
  const e = row.event;
  return e.kind === 'advert' ? advertValues(e, t) : e.kind === 'arp' ? arpValues(e) : probeValues(e);
}

/** The fields shown: an advert's own address only when it changed; ARP in tcpdump's words. */
function fieldsOf(row: StreamRow, prev: StreamRow | undefined, t: I18n['t']): Field[] {
  const before = new Map(prev ? valuesOf(prev, t).map(([name, , value]) => [name, value]) : []);
  const fields: Field[] = [];
  for (const [name, label, value] of valuesOf(row, t)) {
    const changed = row.changed.includes(name);
    // The sender column names it already; its address or node shows only when it changed.
    if ((name === 'src' || name === 'from') && !changed) continue;
    const was = changed ? before.get(name) : undefined;
    fields.push({ name, label: label ? t(label) : '', value, ...(was !== undefined ? { was } : {}) });
  }
  const e = row.event;
  if (e.kind !== 'arp') return fields;
  // An ARP row reads as tcpdump prints it; its changed addresses stay marked.
  const marked = (name: string): Field | undefined => fields.find((f) => f.name === name && f.was !== undefined);
  const text = e.op === 'request' && !e.gratuitous ? t('proto.arp.whoHas', { target: e.targetIp, sender: e.senderIp }) : t('proto.arp.isAt', { ip: e.senderIp, mac: e.senderMac });
  return [{ name: 'arp', label: '', value: text }, ...[marked('senderIp'), marked('senderMac')].filter((f): f is Field => f !== undefined)];
}

function RowView({ row, prev }: RowProps) {
  const { t } = useI18n();
  const e = row.event;
  const kind = eventKind(e);
  const repeat = row.count > 1 && row.everyMs !== null;
  const spanMs = row.lastAt - row.firstAt;
  return (
    <li
      class={`proto-row kind-${kind} ${row.changed.length > 0 ? 'has-change' : ''}`}
      data-testid="protocol-row"
      data-row={row.id}
      data-kind={kind}
      data-from={senderOf(e)}
      data-priority={e.kind === 'advert' ? e.priority : undefined}
      data-vrid={row.vrid ?? undefined}
      data-count={row.count}
      data-last-at={row.lastAt}
      data-changed={row.changed.join(' ') || undefined}
    >
      <span class="proto-time">
        <time>{formatClock(row.firstAt)}</time>
        {row.count > 1 && <time class="proto-time-last">{formatClock(row.lastAt)}</time>}
      </span>
      <span class="proto-from">{senderOf(e)}</span>
      <span class="proto-kind">
        <KindGlyph kind={kind} />
        {t(KIND_LABEL[kind])}
      </span>
      <span class="proto-fields">
        {fieldsOf(row, prev, t).map((f) => (
          <span key={f.name} class={`proto-field ${f.was !== undefined ? 'is-changed' : ''}`} data-field={f.name}>
            {f.label && <span class="proto-field-label">{f.label} </span>}
            {f.was !== undefined && (
              <>
                <s class="proto-was">{f.was}</s>
                <span aria-label={t('proto.changedTo')}> → </span>
              </>
            )}
            <span class="proto-value">{f.value}</span>
          </span>
        ))}
      </span>
      <span class="proto-count" data-testid="protocol-count">
        <strong>×{row.count}</strong>
        {repeat && (
          <span class="proto-every">
            {e.kind !== 'arp' ? t('proto.every', { time: seconds(row.everyMs ?? 0) }) : spanMs < 1 ? t('proto.atOnce') : t('proto.within', { time: formatDuration(spanMs) })}
          </span>
        )}
      </span>
    </li>
  );
}

interface RowProps {
  row: StreamRow;
  prev: StreamRow | undefined;
}

/** Rows never change in place (a growing row is a new object): unchanged rows skip rendering. */
export class ProtocolRow extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps): boolean {
    return next.row !== this.props.row || next.prev !== this.props.prev;
  }

  override render() {
    return <RowView row={this.props.row} prev={this.props.prev} />;
  }
}
