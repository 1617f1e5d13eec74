// The class's access as the host uses it: who a token signs in as (classroom.ts), why one no longer does,
// and when tokens may have stopped signing in, so the host ends their open pages at once. Revocations
// made by this server are heard as they happen; those made by another process on the same class file
// (`halab classroom links --reissue`) are noticed by polling SQLite's data_version.
import type { HostAccess } from '../host/auth.js';
import { classAccess } from './classroom.js';
import type { ClassStore } from './classStore.js';

/**
 * How often the server looks for another process's commits to the class file. A reissue run beside a
 * running server ends the old link's pages within this; each look is one PRAGMA on an open connection.
 */
export const OTHER_PROCESS_POLL_MS = 1000;

/**
 * API connections one person (a learner, or the instructor) may hold at once: one per open page. A learner
 * works in one lab at a time, in one tab or two (the lesson beside the workspace), plus a page reloading
 * whose old socket has not closed yet; 6 leaves room for that, while one person's pages (each with its
 * watches and terminals) cannot crowd out the rest of the class.
 */
export const MAX_SOCKETS_PER_PERSON = 6;

export function classHostAccess(store: ClassStore, pollMs = OTHER_PROCESS_POLL_MS): HostAccess {
  return {
    ...classAccess(store),
    refusal: (token) => {
      const why = store.tokenRefusal(token);
      return why === 'unknown' ? undefined : why;
    },
    watch: (onChange) => {
      const off = store.onTokensRevoked(onChange);
      const timer = setInterval(() => {
        if (store.changedElsewhere()) onChange();
      }, pollMs);
      timer.unref();
      return () => {
        off();
        clearInterval(timer);
      };
    },
  };
}
