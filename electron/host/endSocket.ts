// Ends an API socket for good: the `session.ended` event says why, then a close with the reason's
// application code (common/sessionEnd.ts), which tells the page not to reconnect.
import type { WebSocket } from 'ws';
import { SESSION_END_CODES, type SessionEnded } from '../../common/sessionEnd.js';

/** The close frame's reason text (at most 123 bytes), for clients that read no events. */
function closeText(ended: SessionEnded): string {
  switch (ended.reason) {
    case 'removed':
      return 'removed from the class';
    case 'replaced':
      return 'this link was replaced by a new one';
    case 'revoked':
      return 'this link was revoked';
    case 'tooManyTabs':
      return `too many pages open for one person (at most ${ended.limit ?? '?'})`;
  }
}

export function endSocket(ws: WebSocket, ended: SessionEnded): void {
  if (ws.readyState !== ws.OPEN) return;
  ws.send(JSON.stringify({ event: 'session.ended', payload: ended }));
  ws.close(SESSION_END_CODES[ended.reason], closeText(ended));
}
