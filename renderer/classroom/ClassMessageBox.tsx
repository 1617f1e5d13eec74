// The instructor writes to the whole class: every learner's page shows it at once as a banner. The
// messages sent so far open from a button beside it.
import { useState } from 'preact/hooks';
import type { ClassMessageView, HalabApi } from '../../common/contract.js';
import { useI18n } from '../i18n/context.js';
import { MessagesMenu } from './ClassMessages.js';

const MAX_MESSAGE = 2000;

export function ClassMessageBox(props: { api: HalabApi; messages: readonly ClassMessageView[]; onSent: (m: ClassMessageView) => void }) {
  const { t, err: describe } = useI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const send = async (): Promise<void> => {
    const trimmed = text.trim();
    if (!trimmed || busy) return;
    setBusy(true);
    setError(null);
    try {
      props.onSent(await props.api.call('class.message', { text: trimmed }));
      setText('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="class-message-box" aria-labelledby="class-message-label">
      <form
        class="class-message-form"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <label id="class-message-label" class="class-message-label" for="class-message-input">
          {t('class.message')}
        </label>
        <input
          id="class-message-input"
          type="text"
          class="class-message-input"
          value={text}
          maxLength={MAX_MESSAGE}
          placeholder={t('class.messagePlaceholder')}
          onInput={(e) => {
            setText(e.currentTarget.value);
          }}
          data-testid="class-message-input"
        />
        <button type="submit" class="btn btn-primary btn-small" disabled={busy || !text.trim()} data-testid="class-message-send">
          {t('class.send')}
        </button>
      </form>
      {error !== null && (
        <p class="field-error" role="alert">
          {describe(error).message}
        </p>
      )}
      {props.messages.length > 0 && <MessagesMenu messages={props.messages} label={t('class.sent', { n: props.messages.length })} title={t('class.message')} testid="class-sent" />}
    </section>
  );
}
