// The protocol rows, newest at the bottom. While the learner is at the bottom the list follows new rows; once
// they scroll up it stays put and a button says how many rows came since, and takes them back down.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { StreamRow } from '../../common/protocol/streamRows.js';
import { useI18n } from '../i18n/context.js';
import { ProtocolRow } from './ProtocolRow.js';
import { previousOfChanged } from './rows.js';

/** Within this many pixels of the end counts as at the bottom (zoom and rounding leave fractions). */
const BOTTOM_SLACK_PX = 8;

export interface RowListProps {
  rows: readonly StreamRow[];
  /** Every row kept, for the values a changed row changed from (its predecessor may be filtered out). */
  allRows: readonly StreamRow[];
  active: boolean;
  empty: string;
}

export function RowList({ rows, allRows, active, empty }: RowListProps) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  // The newest row id the learner had seen when they left the bottom; null while following.
  const [seenId, setSeenId] = useState<number | null>(null);
  const newestId = rows.at(-1)?.id ?? 0;
  const prev = previousOfChanged(allRows);

  // One write per render, and only while following: the list never measures itself except on scroll.
  useLayoutEffect(() => {
    const el = box.current;
    if (active && el && stick.current) el.scrollTop = el.scrollHeight;
  });

  const onScroll = (): void => {
    const el = box.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_SLACK_PX;
    stick.current = atBottom;
    if (atBottom) setSeenId(null);
    else setSeenId((s) => s ?? newestId);
  };

  const toBottom = (): void => {
    stick.current = true;
    setSeenId(null);
    const el = box.current;
    if (el) el.scrollTop = el.scrollHeight;
  };

  const fresh = seenId === null ? 0 : rows.filter((r) => r.id > seenId).length;
  return (
    <div class="proto-list-wrap">
      <div class="proto-list-scroll" ref={box} onScroll={onScroll} data-testid="protocol-list">
        {rows.length === 0 ? (
          <p class="muted proto-empty" data-testid="protocol-empty">
            {empty}
          </p>
        ) : (
          <ol class="proto-list" aria-label={t('proto.listLabel')}>
            {rows.map((r) => (
              <ProtocolRow key={r.id} row={r} prev={prev.get(r.id)} />
            ))}
          </ol>
        )}
      </div>
      {fresh > 0 && (
        <button type="button" class="btn btn-small btn-primary proto-new" onClick={toBottom} data-testid="protocol-new">
          {t('proto.newRows', { n: fresh })}
        </button>
      )}
    </div>
  );
}
