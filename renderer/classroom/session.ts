// Who this page speaks for, and what the instructor wrote to the class. The desktop app and `halab serve`
// answer session.info as the machine's owner; a classroom server names the learner or the instructor.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ClassMessageView, HalabApi, SessionInfo } from '../../common/contract.js';

const OWNER: SessionInfo = { role: 'owner' };

/** Asked once per page; a host that cannot answer is the owner's (nothing of a class is shown then). */
export function useSession(api: HalabApi): SessionInfo | null {
  const [info, setInfo] = useState<SessionInfo | null>(null);
  useEffect(() => {
    let alive = true;
    api.call('session.info', {}).then(
      (i) => {
        if (alive) setInfo(i);
      },
      () => {
        if (alive) setInfo(OWNER);
      },
    );
    return () => {
      alive = false;
    };
  }, [api]);
  return info;
}

/** Messages in the order they were written, each once, whichever way (list or event) it came. */
export function mergeMessages(known: readonly ClassMessageView[], more: readonly ClassMessageView[]): ClassMessageView[] {
  const bySeq = new Map<number, ClassMessageView>();
  for (const m of [...known, ...more]) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * The class's messages: the list on load and after every reconnect (messages written while the link was
 * down are only in the list), then each one as it is written.
 */
export function useClassMessages(api: HalabApi, inClass: boolean, connectionSession: number): [ClassMessageView[], (m: ClassMessageView) => void] {
  const [messages, setMessages] = useState<ClassMessageView[]>([]);
  const add = useCallback((m: ClassMessageView) => {
    setMessages((prev) => mergeMessages(prev, [m]));
  }, []);
  useEffect(() => {
    if (!inClass) return;
    let alive = true;
    const off = api.on('class.message', add);
    api.call('class.messages', {}).then(
      (list) => {
        if (alive) setMessages((prev) => mergeMessages(prev, list));
      },
      () => undefined,
    );
    return () => {
      alive = false;
      off();
    };
  }, [api, inClass, connectionSession, add]);
  return [messages, add];
}

/** A time the class saw: the clock time today, the date and time before. */
export function formatWhen(iso: string | undefined, lang: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const today = d.toDateString() === new Date().toDateString();
  return today ? d.toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : d.toLocaleString(lang, { dateStyle: 'short', timeStyle: 'short' });
}
