// The pack preview's bar: which pack and folder, the lesson's language (one, or both side by side), and
// the lab's actions: Start or Stop, the learner's own view of it, and the both-ways self-test.
import type { Lang } from '../../common/contract.js';
import type { PackDevState } from '../../common/packDev.js';
import { useI18n } from '../i18n/context.js';
import { packDevText } from './strings.js';

export type Mode = Lang | 'both';

const MODES: readonly { mode: Mode; name: string | null }[] = [
  { mode: 'en', name: 'English' },
  { mode: 'zh-CN', name: '简体中文' },
  { mode: 'both', name: null },
];

export interface PackDevToolbarProps {
  state: PackDevState;
  mode: Mode;
  onMode: (mode: Mode) => void;
  selfTestRunning: boolean;
  onStart: () => void;
  onStop: () => void;
  onSelfTest: () => void;
}

export function PackDevToolbar(props: PackDevToolbarProps) {
  const { lang } = useI18n();
  const t = packDevText.bind(null, lang);
  const { state } = props;
  const id = state.preview?.id;
  return (
    <div class="packdev-bar">
      <div class="packdev-where">
        <span class="packdev-kicker">{t('packdev.heading')}</span>
        <code class="packdev-dir" title={state.dir}>
          {state.dir}
        </code>
      </div>
      <div class="packdev-modes" role="group" aria-label={t('packdev.langLabel')}>
        {MODES.map(({ mode, name }) => (
          <button
            key={mode}
            type="button"
            class="btn btn-small btn-ghost packdev-mode"
            aria-pressed={props.mode === mode}
            data-testid={`packdev-mode-${mode}`}
            onClick={() => {
              props.onMode(mode);
            }}
          >
            {name ?? t('packdev.both')}
          </button>
        ))}
      </div>
      <div class="packdev-actions">
        {state.running && <span class="badge badge-running">{t('packdev.running')}</span>}
        {id &&
          (state.running ? (
            <button type="button" class="btn btn-small" onClick={props.onStop} data-testid="packdev-stop">
              {t('packdev.stop')}
            </button>
          ) : (
            <button type="button" class="btn btn-small btn-primary" onClick={props.onStart} disabled={!!state.loadError} data-testid="packdev-start">
              {t('packdev.start')}
            </button>
          ))}
        {id && (
          <a class="btn btn-small btn-ghost" href={`#/lab/${id}`} data-testid="packdev-open-learner">
            {t('packdev.openLearner')}
          </a>
        )}
        {id && (
          <button type="button" class="btn btn-small" onClick={props.onSelfTest} disabled={props.selfTestRunning || !!state.loadError} data-testid="packdev-selftest">
            {props.selfTestRunning ? t('packdev.selfTestRunning') : t('packdev.selfTest')}
          </button>
        )}
      </div>
    </div>
  );
}
