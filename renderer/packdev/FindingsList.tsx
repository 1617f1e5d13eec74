// The findings of `halab pack lint` for the open pack, errors first, each at its file and line.
import type { Lang } from '../../common/contract.js';
import type { PackFinding } from '../../common/packDev.js';
import { packDevText } from './strings.js';

export function FindingsList({ findings, lang }: { findings: readonly PackFinding[]; lang: Lang }) {
  const t = packDevText.bind(null, lang);
  const errors = findings.filter((f) => f.level === 'error').length;
  const sorted = [...findings].sort((a, b) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1));
  return (
    <section class="packdev-findings" aria-labelledby="packdev-findings-heading" data-testid="packdev-findings" data-count={findings.length}>
      <h2 id="packdev-findings-heading">
        {t('packdev.findings')} <span class="muted">{t('packdev.findingsCount', { errors, warnings: findings.length - errors })}</span>
      </h2>
      {findings.length === 0 ? (
        <p class="packdev-clean">{t('packdev.noFindings')}</p>
      ) : (
        <ul class="packdev-finding-list">
          {sorted.map((f, i) => (
            <li key={`${f.file}:${f.line}:${i}`} class={`packdev-finding is-${f.level}`} data-testid="packdev-finding" data-file={f.file} data-line={f.line} data-level={f.level}>
              <span class="packdev-finding-level">{t(f.level === 'error' ? 'packdev.error' : 'packdev.warning')}</span>
              <code class="packdev-finding-where">
                {f.file}:{f.line}
              </code>
              <span class="packdev-finding-message">{f.message}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
