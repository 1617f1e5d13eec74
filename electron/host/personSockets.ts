// The open API sockets of each person (a learner, the instructor, the machine's owner), with the token each
// signed in with: to hold one person to a number of pages, and to end every page of a token the moment it
// stops signing in (revoked, replaced, its learner removed).
import type { SessionEnded } from '../../common/sessionEnd.js';
import type { HostAccess } from './auth.js';

/** A served socket, as the registry needs it. */
export interface PersonSocket {
  end: (ended: SessionEnded) => void;
  /** False from the moment either side starts closing: a page reloading does not count its old socket. */
  isOpen: () => boolean;
}

interface OpenSocket {
  person: string;
  token: string;
  /** Set once the upgrade completed; until then the slot is only reserved (and counts). */
  socket?: PersonSocket;
}

export interface SocketSlot {
  /** The upgrade completed: how to end this socket. */
  attach: (socket: PersonSocket) => void;
  /** The socket is gone (or never opened): its slot frees. Safe to call more than once. */
  release: () => void;
}

export class PersonSockets {
  private readonly open = new Set<OpenSocket>();

  /** Open (or reserved) sockets of this person. */
  count(person: string): number {
    let n = 0;
    for (const s of this.open) if (s.person === person && (s.socket?.isOpen() ?? true)) n += 1;
    return n;
  }

  /** Reserves a slot for a socket being opened, before the upgrade completes, so two at once both count. */
  reserve(person: string, token: string): SocketSlot {
    const entry: OpenSocket = { person, token };
    this.open.add(entry);
    return {
      attach: (socket) => {
        if (this.open.has(entry)) entry.socket = socket;
      },
      release: () => {
        this.open.delete(entry);
      },
    };
  }

  /**
   * Asks `access` again about every open socket's token (once per token) and ends the sockets of tokens it
   * no longer accepts, each with the reason it gives. Returns how many were ended.
   */
  recheck(access: HostAccess): number {
    const verdicts = new Map<string, SessionEnded | null>();
    let ended = 0;
    for (const s of [...this.open]) {
      let verdict = verdicts.get(s.token);
      if (verdict === undefined) {
        verdict = access.identify(s.token) ? null : { reason: access.refusal?.(s.token) ?? 'revoked' };
        verdicts.set(s.token, verdict);
      }
      if (verdict && s.socket) {
        this.open.delete(s);
        s.socket.end(verdict);
        ended += 1;
      }
    }
    return ended;
  }
}
