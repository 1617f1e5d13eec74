// The API over one WebSocket: JSON text frames {id, method, input} -> {id, result} | {id, error}, and
// events {event, payload}. Each socket is one session; its resources (watches, terminals) end with it.
// One client cannot take the host down: its calls pass a gate (callGate.ts), and replies it does not read
// stop the host reading its calls, then cost it the connection.
import type { WebSocket, RawData } from 'ws';
import type { ApiError } from '../../common/contract.js';
import type { Dispatcher, DispatchResult, Log } from '../api/dispatch.js';
import { createSession } from '../api/dispatch.js';
import { errorMessage } from '../util/errors.js';
import { ownerIdentity, type SessionIdentity } from '../core/learnerScope.js';
import type { SessionEnded } from '../../common/sessionEnd.js';
import { createCallGate, MAX_CALLS_IN_FLIGHT, MAX_CALLS_QUEUED } from './callGate.js';
import { endSocket } from './endSocket.js';

/**
 * Reply bytes waiting for a client, past which the host stops reading its calls until it catches up.
 * A lab with both languages is a few hundred KB, so this is several whole replies.
 */
export const PAUSE_READING_AT_BYTES = 4 * 1024 * 1024;
/** Reading resumes once the waiting replies are down to this. */
export const RESUME_READING_AT_BYTES = 1024 * 1024;
/** Past this the client is not reading at all: the connection is dropped with everything queued for it. */
export const MAX_QUEUED_REPLY_BYTES = 32 * 1024 * 1024;
/**
 * A client that reads nothing for this long while the host has stopped reading it is dropped. Browsers
 * read sockets even in background tabs, so only a stuck or hostile client waits this long.
 */
export const STALLED_CLIENT_MS = 60_000;

/** The figures above, as one socket uses them (tests shrink them). */
export interface SocketLimits {
  pauseReadingAt: number;
  resumeReadingAt: number;
  maxQueuedReplyBytes: number;
  stalledClientMs: number;
}

export const SOCKET_LIMITS: SocketLimits = {
  pauseReadingAt: PAUSE_READING_AT_BYTES,
  resumeReadingAt: RESUME_READING_AT_BYTES,
  maxQueuedReplyBytes: MAX_QUEUED_REPLY_BYTES,
  stalledClientMs: STALLED_CLIENT_MS,
};

type RequestId = string | number;

function parseRequest(data: RawData, isBinary: boolean): { id: RequestId; method: unknown; input: unknown } | { id: RequestId | null; bad: string } {
  if (isBinary) return { id: null, bad: 'binary frames are not accepted' };
  let msg: unknown;
  try {
    msg = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'));
  } catch {
    return { id: null, bad: 'the frame is not JSON' };
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return { id: null, bad: 'the frame is not an object' };
  const o = msg as Record<string, unknown>;
  const id = o.id;
  const validId = (typeof id === 'number' && Number.isSafeInteger(id)) || (typeof id === 'string' && id.length > 0 && id.length <= 64);
  if (!validId) return { id: null, bad: 'the frame has no valid id' };
  return { id, method: o.method, input: o.input };
}

const BUSY: ApiError = {
  code: 'E_BUSY',
  message: `Too many calls at once on this connection (at most ${MAX_CALLS_IN_FLIGHT} running and ${MAX_CALLS_QUEUED} waiting).`,
  fix: 'Wait for earlier calls to answer, then try again.',
};

export interface ServedSocket {
  /** Ends the session now (its watches and terminals with it) and tells the page why before closing. */
  end: (ended: SessionEnded) => void;
  /** False once either side has started closing the socket. */
  isOpen: () => boolean;
}

export function serveApiSocket(ws: WebSocket, dispatcher: Dispatcher, log: Log, limits: SocketLimits = SOCKET_LIMITS, identity: SessionIdentity = ownerIdentity): ServedSocket {
  const gate = createCallGate();
  let stalled: ReturnType<typeof setTimeout> | undefined;

  const end = (): void => {
    gate.close();
    clearTimeout(stalled);
    session.close();
  };
  const drop = (why: string): void => {
    log(`[host] dropping an API connection: ${why}`);
    end();
    ws.terminate(); // not close(): its closing handshake would queue behind the replies nobody reads
  };
  const afterWrite = (): void => {
    if (ws.isPaused && ws.bufferedAmount <= limits.resumeReadingAt) {
      clearTimeout(stalled);
      ws.resume();
      gate.hold(false);
    }
  };
  /** Queues one frame, or drops a client that has left too much unread. */
  const sendText = (text: string): void => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount + Buffer.byteLength(text) > limits.maxQueuedReplyBytes) {
      drop(`the client left ${ws.bufferedAmount} bytes of replies unread`);
      return;
    }
    ws.send(text, afterWrite);
    if (!ws.isPaused && ws.bufferedAmount >= limits.pauseReadingAt) {
      ws.pause();
      gate.hold(true);
      stalled = setTimeout(() => {
        drop(`the client read nothing for ${limits.stalledClientMs} ms`);
      }, limits.stalledClientMs);
    }
  };
  const sendReply = (id: RequestId | null, method: unknown, reply: DispatchResult): void => {
    if (ws.readyState !== ws.OPEN) return; // a gone client: not even serialised
    let text: string;
    try {
      text = JSON.stringify({ id, ...reply });
    } catch (err) {
      // A reply JSON cannot hold (or too large for a string): the caller hears of it, the host lives on.
      const name = typeof method === 'string' ? method.slice(0, 64) : 'the call';
      log(`[host] the reply of ${name} could not be sent: ${errorMessage(err)}`);
      const error: ApiError = { code: 'E_INTERNAL', message: `${name} failed unexpectedly: its reply could not be sent.` };
      text = JSON.stringify({ id, error });
    }
    sendText(text);
  };

  const session = createSession(
    (event, payload) => {
      sendText(JSON.stringify({ event, payload }));
    },
    log,
    identity,
  );

  ws.on('message', (data, isBinary) => {
    const req = parseRequest(data, isBinary);
    if ('bad' in req) {
      sendReply(req.id, undefined, { error: { code: 'E_PROTOCOL', message: `Malformed request: ${req.bad}.` } });
      return;
    }
    const admitted = gate.admit(async () => {
      if (ws.readyState !== ws.OPEN) return; // gone while the call waited its turn
      sendReply(req.id, req.method, await dispatcher.dispatch(req.method, req.input, session.ctx));
    });
    if (!admitted) sendReply(req.id, req.method, { error: BUSY });
  });
  ws.on('close', end);
  ws.on('error', (err) => {
    log(`[host] socket error: ${err.message}`);
    end();
  });
  return {
    end: (ended) => {
      end();
      endSocket(ws, ended);
    },
    isOpen: () => ws.readyState === ws.OPEN,
  };
}
