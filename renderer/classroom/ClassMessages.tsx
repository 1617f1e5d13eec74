// What a learner sees of the instructor's messages: the newest as a banner under the header until
// dismissed (a newer one brings it back), and every message in a small list from the header.
import { useState } from 'preact/hooks';
import { MenuButton } from '../ui/MenuButton.js';
import type { ClassMessageView } from '../../common/contract.js';
import { useI18n } from '../i18n/context.js';
import { formatWhen } from './session.js';

export function MessageBanner({ messages }: { messages: readonly ClassMessageView[] }) {
  const { t, lang } = useI18n();
  const [dismissedSeq, setDismissedSeq] = useState(0);
  const newest = messages.at(-1);
  if (!newest || newest.seq <= dismissedSeq) return null;
  return (
    <div class="banner banner-class" role="status" aria-live="polite" data-testid="class-message-banner" data-seq={newest.seq}>
      <strong class="banner-class-from">{t('msg.fromInstructor')}</strong>
      <span class="banner-class-text" data-testid="class-message-text">
        {newest.text}
      </span>
      <span class="banner-class-time">{formatWhen(newest.at, lang)}</span>
      <button
        type="button"
        class="btn-link"
        onClick={() => {
          setDismissedSeq(newest.seq);
        }}
        aria-label={t('common.dismiss')}
        data-testid="class-message-dismiss"
      >
        ×
      </button>
    </div>
  );
}

/** A button with the messages' count opening the list, newest first: the learner's, and the instructor's "sent". */
export function MessagesMenu(props: { messages: readonly ClassMessageView[]; label?: string; title?: string; testid?: string }) {
  const { messages, testid = 'class-messages' } = props;
  const { t, lang } = useI18n();
  return (
    <MenuButton
      label={props.label ?? t('msg.list', { n: messages.length })}
      menuLabel={props.title ?? t('msg.title')}
      testid={`${testid}-button`}
      menuClass="class-messages-popover"
      menuTestid={`${testid}-list`}
    >
      {() => (
        <>
          <p class="menu-hint">{props.title ?? t('msg.title')}</p>
          {messages.length === 0 ? (
            <p class="muted small">{t('msg.none')}</p>
          ) : (
            <ol class="class-message-list">
              {[...messages].reverse().map((m) => (
                <li key={m.seq}>
                  <time class="class-message-time" dateTime={m.at}>
                    {formatWhen(m.at, lang)}
                  </time>
                  <p class="class-message-text">{m.text}</p>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </MenuButton>
  );
}
