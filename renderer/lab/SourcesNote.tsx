// The manifest's `sources`, for instructors: a collapsed note at the foot of the instructions.
import { useI18n } from '../i18n/context.js';

export function SourcesNote({ sources }: { sources: readonly string[] | undefined }) {
  const { t } = useI18n();
  if (!sources?.length) return null;
  return (
    <details class="sources-note" data-testid="lab-sources">
      <summary>{t('lab.sources')}</summary>
      <p>{t('lab.sourcesLead')}</p>
      <ul>
        {sources.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
    </details>
  );
}
