// One step (or the introduction) in one language, as the learner reads it, with every check's title and
// hint always shown (a learner sees a hint only once a check fails; the author needs to read them all),
// and under each check what the last Check run and the self-test read of it.
import type { Lang, Localized, StepResultView } from '../../common/contract.js';
import type { PackDevStep, SelfTestPhase } from '../../common/packDev.js';
import { tidyCjkSpaces } from '../i18n/cjkSpacing.js';
import { Markdown } from '../markdown/Markdown.js';
import { packDevText } from './strings.js';
import { readingKey, type Reading, type Readings } from './usePackDev.js';

const PHASES: readonly SelfTestPhase[] = ['fresh', 'before-solution', 'after-solution'];

export const textIn = (lang: Lang, text: Localized): string => (lang === 'zh-CN' ? tidyCjkSpaces(text[lang]) : text[lang]);

function ReadingLine({ lang, phase, reading }: { lang: Lang; phase: SelfTestPhase; reading: Reading }) {
  const t = packDevText.bind(null, lang);
  const mustPass = phase === 'after-solution';
  const right = reading.passed === mustPass;
  return (
    <li class={`packdev-reading ${right ? 'is-right' : 'is-defect'}`} data-testid={`packdev-reading-${phase}`} data-right={String(right)}>
      <strong>{t(`packdev.phase.${phase}`)}</strong>: {t(reading.passed ? 'packdev.pass' : 'packdev.fail')} ({t(mustPass ? 'packdev.mustPass' : 'packdev.mustFail')}) —{' '}
      <span class="packdev-verdict">{t(right ? 'packdev.right' : 'packdev.defect')}</span>
      <div class="packdev-facts">
        {t('packdev.expected')}: {textIn(lang, reading.expected)} · {t('packdev.seen')}: {textIn(lang, reading.seen)}
      </div>
    </li>
  );
}

export interface StepColumnProps {
  lang: Lang;
  /** Absent for the introduction. */
  step?: PackDevStep;
  intro?: Localized;
  index: number;
  result?: StepResultView | undefined;
  readings: Readings;
}

export function StepColumn({ lang, step, intro, index, result, readings }: StepColumnProps) {
  const t = packDevText.bind(null, lang);
  if (!step) {
    return (
      <article class="packdev-column" lang={lang} data-testid={`packdev-column-${lang}`}>
        {intro && <Markdown source={textIn(lang, intro)} />}
      </article>
    );
  }
  return (
    <article class="packdev-column" lang={lang} data-testid={`packdev-column-${lang}`}>
      <h2 class="packdev-step-title">
        {index + 1}. {textIn(lang, step.title)}
      </h2>
      <Markdown source={textIn(lang, step.body)} />
      <h3>{t('packdev.checks')}</h3>
      <ul class="packdev-checks">
        {step.checks.map((c) => {
          const got = result?.checks.find((r) => r.id === c.id);
          const read = readings.get(readingKey(step.id, c.id));
          return (
            <li key={c.id} class={`packdev-check ${got ? (got.passed ? 'is-pass' : 'is-fail') : ''}`} data-testid={`packdev-check-${c.id}`} data-passed={got ? String(got.passed) : undefined}>
              <p class="packdev-check-title">
                {textIn(lang, c.title)} <code class="muted">{c.kind}</code>
              </p>
              <div class="packdev-hint">
                <strong>{t('packdev.hint')}:</strong> <Markdown source={textIn(lang, c.hint)} class="md-compact" />
              </div>
              {got && (
                <p class="packdev-facts" data-testid="packdev-check-result">
                  <strong>{t('packdev.lastCheck')}</strong>: {t(got.passed ? 'packdev.pass' : 'packdev.fail')} · {t('packdev.expected')}: {textIn(lang, got.expected)} · {t('packdev.seen')}:{' '}
                  {textIn(lang, got.seen)}
                </p>
              )}
              {read && (
                <ul class="packdev-readings">
                  {PHASES.map((phase) => {
                    const r = read[phase];
                    return r ? <ReadingLine key={phase} lang={lang} phase={phase} reading={r} /> : null;
                  })}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </article>
  );
}
