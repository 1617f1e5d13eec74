// How many calls one API socket may make the host work on at once. A few run, a few more wait their turn,
// and anything beyond is refused at once with E_BUSY, so one client can neither make the host compute
// thousands of replies together nor grow an unbounded queue. When the socket goes, the waiting calls are
// dropped unstarted: no work is done for a client that is gone.

/**
 * Calls running at once per socket. The UI has a handful in flight (a lab view opening asks for the lab,
 * its topology, a file and its terminals); 8 leaves room for that and bounds the work one client causes.
 */
export const MAX_CALLS_IN_FLIGHT = 8;
/** Calls waiting behind those: a burst of terminal keystrokes or acks waits rather than fails. */
export const MAX_CALLS_QUEUED = 64;

export interface CallGate {
  /** Runs `work` now or when a slot frees; false (and nothing run) when the queue is full or the gate is closed. */
  admit(work: () => Promise<void>): boolean;
  /** While held, waiting calls do not start (the client is not reading what the running ones answer). */
  hold(held: boolean): void;
  /** Drops every waiting call; running ones finish, but nothing new starts. */
  close(): void;
  readonly running: number;
  readonly waiting: number;
}

export function createCallGate(maxInFlight = MAX_CALLS_IN_FLIGHT, maxQueued = MAX_CALLS_QUEUED): CallGate {
  const queue: (() => Promise<void>)[] = [];
  let running = 0;
  let closed = false;
  let held = false;

  const startWaiting = (): void => {
    while (!closed && !held && running < maxInFlight && queue.length) {
      const next = queue.shift();
      if (next) start(next);
    }
  };
  const start = (work: () => Promise<void>): void => {
    running += 1;
    // `work` reports its own failures; the catch only keeps a bug in it from becoming an unhandled rejection.
    void work()
      .catch(() => undefined)
      .finally(() => {
        running -= 1;
        startWaiting();
      });
  };

  return {
    admit(work) {
      if (closed) return false;
      if (running < maxInFlight && !held) {
        start(work);
        return true;
      }
      if (queue.length >= maxQueued) return false;
      queue.push(work);
      return true;
    },
    hold(on) {
      held = on;
      startWaiting();
    },
    close() {
      closed = true;
      queue.length = 0;
    },
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
  };
}
