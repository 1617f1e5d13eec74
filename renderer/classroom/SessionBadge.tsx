// Who is at this page in a class, in the header: the learner's name (their link is personal) or the
// instructor, with the class's name. The owner of the machine sees nothing here.
import type { SessionInfo } from '../../common/contract.js';
import { useI18n } from '../i18n/context.js';

export function SessionBadge({ session }: { session: SessionInfo }) {
  const { t } = useI18n();
  if (session.role === 'owner') return null;
  const who = session.role === 'learner' ? (session.learner?.name ?? '') : t('class.roleInstructor');
  return (
    <div class={`session-badge is-${session.role}`} data-testid="session-badge" data-role={session.role}>
      <span class="session-who" title={session.learner ? `${session.learner.name} (${session.learner.id})` : who} data-testid="session-who">
        {who}
      </span>
      {session.className && (
        <span class="session-class" title={session.className} data-testid="session-class">
          {t('class.classLabel', { name: session.className })}
        </span>
      )}
    </div>
  );
}
