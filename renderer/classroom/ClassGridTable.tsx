// The class at a glance: one row per learner, one column per step of each class lab (grouped by lab), each
// cell coloured and marked by its status with the number of Checks, and after each lab's steps the row's
// actions for that lab (watch it live, reset it). The first column and the header rows stay in place while
// the grid scrolls inside its own box, so 30 learners x 12 steps stay readable.
import { useEffect, useRef } from 'preact/hooks';
import type { ClassGrid, GridCell } from '../../common/classroom.js';
import { useI18n } from '../i18n/context.js';
import { labCells, sameCell, STATUS_MARK, type CellRef } from './classGridModel.js';
import { EyeIcon } from './EyeIcon.js';
import { useInspectText } from './inspectStrings.js';

export interface ClassGridTableProps {
  grid: ClassGrid;
  selected: CellRef | null;
  onSelect: (cell: CellRef) => void;
  onReset: (learner: string, lab: string) => void;
  onInspect: (learner: string, lab: string) => void;
}

export function ClassGridTable({ grid, selected, onSelect, onReset, onInspect }: ClassGridTableProps) {
  const { t, loc } = useI18n();
  const text = useInspectText();
  const scrollRef = useRef<HTMLDivElement>(null);
  // The chosen cell stays in view when the panel opens beside the grid and narrows it.
  useEffect(() => {
    if (selected) scrollRef.current?.querySelector('.class-cell[aria-pressed="true"]')?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [selected]);
  return (
    <div class="class-grid-scroll" ref={scrollRef} role="region" aria-label={t('class.gridLabel')} tabIndex={0} data-testid="class-grid">
      <table class="class-grid">
        <thead>
          <tr class="class-grid-labs">
            <th class="class-grid-corner" rowSpan={2} scope="col">
              {t('class.learner')}
            </th>
            {grid.labs.map((lab) => (
              <th key={lab.id} class="class-grid-lab" colSpan={lab.steps.length + 1} scope="colgroup" title={loc(lab.title)} data-testid={`class-lab-${lab.id}`}>
                <span class="class-grid-lab-title">{loc(lab.title) || lab.id}</span>
              </th>
            ))}
          </tr>
          <tr class="class-grid-steps">
            {grid.labs.map((lab) => [
              ...lab.steps.map((s, i) => {
                const tip = t('class.stepTip', { n: i + 1, title: loc(s.title) });
                return (
                  <th key={`${lab.id}/${s.id}`} class={`class-grid-step ${i === 0 ? 'is-first' : ''}`} scope="col" title={tip} data-testid={`class-step-${lab.id}-${i}`}>
                    <span aria-hidden="true">{i + 1}</span>
                    <span class="visually-hidden">{tip}</span>
                  </th>
                );
              }),
              <th key={`${lab.id}/reset`} class="class-grid-action" scope="col">
                <span class="visually-hidden">{t('class.resetLab')}</span>
              </th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {grid.learners.map(({ learner }) => (
            <tr key={learner.id} data-testid={`class-row-${learner.id}`}>
              <th class="class-grid-learner" scope="row" title={`${learner.name} (${learner.id})`}>
                <span class="class-learner-name">{learner.name}</span>
                <span class="class-learner-id">{learner.id}</span>
              </th>
              {grid.labs.map((lab) => [
                ...labCells(grid, learner.id, lab.id).map((cell) => {
                  const ref = { learner: learner.id, lab: lab.id, index: cell.index };
                  const step = lab.steps[cell.index];
                  const where = `${learner.name} · ${t('class.stepTip', { n: cell.index + 1, title: step ? loc(step.title) : cell.step })}`;
                  return (
                    <td key={`${lab.id}/${cell.index}`} class={cell.index === 0 ? 'is-first' : ''}>
                      <Cell
                        cell={cell}
                        where={where}
                        selected={sameCell(selected, ref)}
                        testid={`cell-${learner.id}-${lab.id}-${cell.index}`}
                        onClick={() => {
                          onSelect(ref);
                        }}
                      />
                    </td>
                  );
                }),
                <td key={`${lab.id}/reset`} class="class-grid-action">
                  <button
                    type="button"
                    class="class-inspect-btn"
                    title={text('inspect.open', { lab: loc(lab.title) || lab.id, name: learner.name })}
                    aria-label={text('inspect.open', { lab: loc(lab.title) || lab.id, name: learner.name })}
                    onClick={() => {
                      onInspect(learner.id, lab.id);
                    }}
                    data-testid={`class-inspect-${learner.id}-${lab.id}`}
                  >
                    <EyeIcon />
                  </button>
                  <button
                    type="button"
                    class="class-reset-btn"
                    title={t('class.resetFor', { lab: loc(lab.title) || lab.id, name: learner.name })}
                    aria-label={t('class.resetFor', { lab: loc(lab.title) || lab.id, name: learner.name })}
                    onClick={() => {
                      onReset(learner.id, lab.id);
                    }}
                    data-testid={`class-reset-${learner.id}-${lab.id}`}
                  >
                    ↺
                  </button>
                </td>,
              ])}
            </tr>
          ))}
        </tbody>
      </table>
      {grid.learners.length === 0 && <p class="muted class-grid-empty">{t('class.noLearners')}</p>}
    </div>
  );
}

function Cell(props: { cell: GridCell; where: string; selected: boolean; testid: string; onClick: () => void }) {
  const { t } = useI18n();
  const { cell } = props;
  const status = t(`class.status.${cell.status}`);
  const label = cell.attempts > 0 ? `${props.where} · ${status} · ${t('class.attempts', { n: cell.attempts })}` : `${props.where} · ${status}`;
  return (
    <button
      type="button"
      class={`class-cell is-${cell.status}`}
      aria-pressed={props.selected}
      aria-label={label}
      title={label}
      onClick={props.onClick}
      data-testid={props.testid}
      data-status={cell.status}
      data-attempts={cell.attempts}
    >
      <span class="class-cell-mark" aria-hidden="true">
        {STATUS_MARK[cell.status]}
      </span>
      {cell.attempts > 0 && (
        <span class="class-cell-count" aria-hidden="true">
          {cell.attempts}
        </span>
      )}
    </button>
  );
}
