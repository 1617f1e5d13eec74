// An error as learners should see it: what happened, and how to fix it when the host said.
import { useI18n } from '../i18n/context.js';

export function ErrorNote(props: { error: unknown; onRetry?: () => void; retryLabel?: string }) {
  const { t, err } = useI18n();
  const info = err(props.error);
  return (
    <div class="note note-error" role="alert">
      <p class="note-message">{info.message}</p>
      {info.fix && <p class="note-fix">{info.fix}</p>}
      {props.onRetry && (
        <button type="button" class="btn btn-small" onClick={props.onRetry}>
          {props.retryLabel ?? t('common.retry')}
        </button>
      )}
    </div>
  );
}
