// What crossed a running lab's network, for every front end: the observer's recording as grouped rows, once
// or followed live. The app's Protocol tab reads the same feed through the API.
import type { ProtocolFeed } from '../../common/contract.js';
import { addEvents, emptyRows, rowsOf, type StreamRow, type StreamRowsState } from '../../common/protocol/streamRows.js';
import { protocolHub, ProtocolHub } from '../topology/liveProtocol.js';
import { UserError } from '../util/errors.js';
import { runningLab } from './labAccess.js';

function requireRecording(feed: ProtocolFeed): ProtocolFeed {
  if (feed.problem === 'noObserver' || feed.problem === 'notRecording') {
    throw new UserError(`The lab "${feed.lab}" has no protocol recording: its observer is not running.`, {
      fix: `Reset the lab to bring the observer back: halab down ${feed.lab}, then halab up ${feed.lab}.`,
      code: 'E_NO_CAPTURE',
    });
  }
  return feed;
}

/** Everything the observer recorded since the lab started, grouped into rows. */
export async function protocolRows(instance: string): Promise<{ feed: ProtocolFeed; rows: StreamRow[] }> {
  await runningLab(instance);
  const feed = requireRecording(await protocolHub.get(instance));
  return { feed, rows: rowsOf(addEvents(emptyRows(), feed.events)) };
}

/**
 * Follows the recording live: onRows gets the rows opened or grown by each batch (the whole history first).
 * Resolves with a function that stops following.
 */
export async function followProtocol(instance: string, onRows: (rows: StreamRow[], feed: ProtocolFeed) => void): Promise<() => void> {
  await runningLab(instance);
  const hub = new ProtocolHub(() => undefined);
  let state: StreamRowsState = emptyRows();
  let seen = new Map<number, number>();
  await hub.watch(instance, 'follow', (feed) => {
    if (feed.reset) {
      state = emptyRows();
      seen = new Map();
    }
    state = addEvents(state, feed.events);
    const changed = rowsOf(state).filter((r) => seen.get(r.id) !== r.count);
    for (const r of changed) seen.set(r.id, r.count);
    onRows(changed, feed);
  });
  return () => {
    hub.closeAll();
  };
}
