// The engines of a class with several, on the instructor's dashboard: each engine's health and load, whose
// labs it holds, and, when one stopped answering, which learners lost their lab with it.
import type { ClassGrid } from '../../common/classroom.js';
import { useI18n } from '../i18n/context.js';
import { formatWhen } from './session.js';
import './engines.css';

export function EnginePanel({ grid }: { grid: ClassGrid }) {
  const { t, loc, lang } = useI18n();
  const engines = grid.engines;
  if (!engines?.length) return null;
  const nameOf = (id: string): string => grid.learners.find((r) => r.learner.id === id)?.learner.name ?? id;
  const titleOf = (lab: string): string => {
    const l = grid.labs.find((x) => x.id === lab);
    return (l && loc(l.title)) || lab;
  };
  const names = (ids: readonly string[]): string => ids.map(nameOf).join(lang === 'zh-CN' ? '、' : ', ');
  const lost = grid.lostLabs ?? [];
  return (
    <section class="engine-panel" aria-labelledby="engine-panel-title" data-testid="engine-panel">
      <h2 id="engine-panel-title" class="engine-panel-title">
        {engines.length === 1 ? t('engine.titleOne') : t('engine.title')}
      </h2>
      <ul class="engine-list">
        {engines.map((e) => (
          <li key={e.name} class={`engine-item is-${e.health}`} data-testid={`engine-${e.name}`} data-health={e.health}>
            <span class="engine-dot" aria-hidden="true" />
            <strong class="engine-name">{e.name}</strong>
            <span class="engine-health">{e.health === 'up' ? t('engine.up') : t('engine.lost', { time: formatWhen(e.since, lang) })}</span>
            {e.health === 'up' && (
              // Whose labs run there is a hover away: a long class would push the grid out of view.
              <span class="engine-load" title={e.learners.length ? t('engine.learners', { names: names(e.learners) }) : t('engine.noLearners')}>
                {t('engine.labs', { running: e.running, capacity: e.capacity })}
              </span>
            )}
            {e.health === 'lost' && (
              <span class="engine-learners" data-testid={`engine-${e.name}-learners`}>
                {e.learners.length === 0 ? t('engine.noLearners') : t('engine.affected', { names: names(e.learners) })}
              </span>
            )}
            {e.problem && (
              <span class="engine-problem muted small" title={e.problem}>
                {e.problem}
              </span>
            )}
          </li>
        ))}
      </ul>
      {lost.length > 0 && (
        <div class="engine-lost" role="status" data-testid="engine-lost-labs">
          <p>{t('engine.lostLabs')}</p>
          <ul>
            {lost.map((l) => (
              <li key={`${l.learner}/${l.lab}`}>{t('engine.lostLab', { name: nameOf(l.learner), lab: titleOf(l.lab), engine: l.engine, time: formatWhen(l.at, lang) })}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
