// The last 30 seconds on one strip, a lane per node and a mark per packet: the master's one-second rhythm,
// the silence before a takeover and the new master's first adverts and gratuitous ARPs are seen at a glance.
// Marks of one kind in one lane are one SVG path, so thousands of packets are a handful of elements; the
// strip follows the clock a few times a second, each redraw in an animation frame.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ProtocolEvent } from '../../common/protocol/events.js';
import { useI18n } from '../i18n/context.js';
import { KIND_LABEL, KindGlyph } from './ProtocolRow.js';
import { eventKind, type RowKind } from './rows.js';

export const WINDOW_MS = 30_000;
const TICK_MS = 100;
/** The lane labels' column, in HTML so that a long node name ends in an ellipsis. */
const GUTTER = 78;
/** Room right of "now". */
const RIGHT_PAD = 4;
const LANE_H = 18;
const TOP = 4;
const AXIS_H = 18;
/** Room a time label needs beside its neighbour: "30 秒前" is about 52 px at 10.5 px. */
const LABEL_ROOM = 60;
const OTHER_LANE = '\u0000other';

/** Where the marks of one lane go: kind → path. */
type LanePaths = Partial<Record<RowKind, string>>;

function markPath(kind: RowKind, x: number, y: number): string {
  const mid = y + LANE_H / 2;
  switch (kind) {
    case 'advert':
      return `M${x} ${y + 3}v${LANE_H - 6}`;
    case 'prio0':
      return `M${x - 4.5} ${y + 2}h9l-4.5 ${LANE_H - 4}z`;
    case 'garp':
      return `M${x} ${y + 2}l4 ${LANE_H / 2 - 2}l-4 ${LANE_H / 2 - 2}l-4 -${LANE_H / 2 - 2}z`;
    case 'arp-request':
    case 'arp-reply':
      return `M${x} ${mid}v${LANE_H / 2 - 3}`;
    case 'probe':
      return `M${x - 1.5} ${mid - 1.5}h3v3h-3z`;
  }
}

/** The marks of the events in [startAt, endAt], by lane; at most one mark per half pixel, lane and kind. */
export function laneMarks(events: readonly ProtocolEvent[], lanes: readonly string[], startAt: number, endAt: number, plotWidth: number): Map<string, LanePaths> {
  const out = new Map<string, LanePaths>();
  const seen = new Set<string>();
  const index = new Map(lanes.map((l, i) => [l, i]));
  const scale = plotWidth / (endAt - startAt);
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (!e || e.at > endAt) continue;
    if (e.at < startAt) break;
    const lane = e.from !== null && index.has(e.from) ? e.from : OTHER_LANE;
    const row = index.get(lane);
    if (row === undefined) continue;
    const kind = eventKind(e);
    const x = Math.round((e.at - startAt) * scale * 2) / 2;
    const key = `${lane}|${kind}|${x}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const paths = out.get(lane) ?? {};
    paths[kind] = (paths[kind] ?? '') + markPath(kind, x, TOP + row * LANE_H);
    out.set(lane, paths);
  }
  return out;
}

/** The seconds-ago labels that fit: every 10 s when there is room, else only the ends. */
export function timeLabels(plotWidth: number): number[] {
  const all = [30, 20, 10, 0];
  return plotWidth / (all.length - 1) >= LABEL_ROOM * 1.5 ? all : [30, 0];
}

/** The lab's nodes, and one more lane when a sender is no node of the lab. */
function lanesOf(nodes: readonly string[], events: readonly ProtocolEvent[]): string[] {
  const known = new Set(nodes);
  return events.some((e) => e.from === null || !known.has(e.from)) ? [...nodes, OTHER_LANE] : [...nodes];
}

export function TimeAxis(props: { events: readonly ProtocolEvent[]; nodes: readonly string[]; endAt: number | null; active: boolean }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [now, setNow] = useState(Date.now());
  const live = props.endAt === null;

  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width ?? 0;
      setWidth(Math.floor(w));
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
    };
  }, []);

  // Follows the clock only while shown and live; each step is drawn in the next animation frame.
  useEffect(() => {
    if (!props.active || !live) return;
    let frame: number | null = null;
    const timer = setInterval(() => {
      frame ??= requestAnimationFrame(() => {
        frame = null;
        setNow(Date.now());
      });
    }, TICK_MS);
    return () => {
      clearInterval(timer);
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [props.active, live]);

  const endAt = props.endAt ?? now;
  const startAt = endAt - WINDOW_MS;
  const plotWidth = Math.max(0, width - GUTTER - RIGHT_PAD);
  const inWindow = useMemo(() => props.events.filter((e) => e.at >= startAt && e.at <= endAt), [props.events, startAt, endAt]);
  const lanes = lanesOf(props.nodes, inWindow);
  const marks = useMemo(() => laneMarks(inWindow, lanes, startAt, endAt, plotWidth), [inWindow, lanes.join('|'), startAt, endAt, plotWidth]);
  const height = TOP + lanes.length * LANE_H + AXIS_H;
  const xOf = (agoS: number): number => plotWidth * (1 - (agoS * 1000) / WINDOW_MS);
  const kinds: RowKind[] = ['advert', 'prio0', 'garp', 'arp-request', 'probe'];

  return (
    <div class="proto-axis" data-testid="protocol-axis" data-live={live}>
      <div class="proto-axis-body" ref={box}>
        {width > 0 && (
          <>
            <div class="proto-lane-labels" style={{ width: `${GUTTER}px`, paddingTop: `${TOP}px` }} aria-hidden="true">
              {lanes.map((lane) => (
                <span key={lane} class="proto-lane-label" style={{ height: `${LANE_H}px`, lineHeight: `${LANE_H}px` }} title={lane === OTHER_LANE ? undefined : lane}>
                  {lane === OTHER_LANE ? t('proto.axis.other') : lane}
                </span>
              ))}
            </div>
            <svg width={plotWidth + RIGHT_PAD} height={height} role="img" aria-label={t('proto.axis.label')}>
              {[25, 20, 15, 10, 5].map((s) => (
                <line key={s} class={s % 10 === 0 ? 'proto-grid proto-grid-10' : 'proto-grid'} x1={xOf(s)} x2={xOf(s)} y1={TOP} y2={TOP + lanes.length * LANE_H} />
              ))}
              {lanes.map((lane, i) => (
                <g key={lane} class="proto-lane" data-lane={lane === OTHER_LANE ? 'other' : lane}>
                  <rect class={i % 2 ? 'proto-lane-bg is-odd' : 'proto-lane-bg'} x={0} y={TOP + i * LANE_H} width={plotWidth} height={LANE_H} />
                  {Object.entries(marks.get(lane) ?? {}).map(([kind, d]) => (
                    <path key={kind} class={`proto-mark mark-${kind}`} d={d} />
                  ))}
                </g>
              ))}
              <line class="proto-now" x1={xOf(0)} x2={xOf(0)} y1={TOP} y2={TOP + lanes.length * LANE_H} />
              {timeLabels(plotWidth).map((s, i, all) => (
                <text key={s} class="proto-axis-label" x={xOf(s)} y={height - 4} text-anchor={i === 0 ? 'start' : i === all.length - 1 ? 'end' : 'middle'}>
                  {s === 0 ? (live ? t('proto.axis.now') : t('proto.axis.pausedAt')) : t('proto.axis.ago', { s })}
                </text>
              ))}
            </svg>
          </>
        )}
      </div>
      <p class="proto-legend muted small" aria-hidden="true">
        {kinds.map((k) => (
          <span key={k} class="proto-legend-item">
            <KindGlyph kind={k} />
            {k === 'arp-request' ? t('proto.legend.arp') : t(KIND_LABEL[k])}
          </span>
        ))}
      </p>
    </div>
  );
}
