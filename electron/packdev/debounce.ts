// The timing of pack dev's reloads: a burst of file events becomes one reload, and reloads never overlap.
// Kept apart from the file system so that both rules are tested with plain timers and promises.

/**
 * Editors save in bursts: a temp file, a rename over the old one, a chmod, a swap file, all within a few
 * ms. Waiting this long after the last event loads the pack once per save and still leaves most of the
 * second an author expects for the page to show it.
 */
export const PACK_DEV_DEBOUNCE_MS = 150;

export interface Debounced {
  /** Another event: the call waits until `ms` pass without one. */
  poke(): void;
  /** Drops a waiting call. */
  cancel(): void;
}

export function debounce(fn: () => void, ms: number = PACK_DEV_DEBOUNCE_MS): Debounced {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    poke: () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        fn();
      }, ms);
    },
    cancel: () => {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

export interface SerialRunner {
  /** Runs the task now, or once more right after the run in progress (many requests meanwhile: one run). */
  request(): void;
  /** Settles when no run is in progress or waiting. */
  idle(): Promise<void>;
}

/**
 * One run at a time, the last request always honoured: a save during a reload is read by a reload that
 * starts after it, never lost and never raced by an older load finishing last.
 */
export function serialRunner(task: () => Promise<void>, onError: (err: unknown) => void): SerialRunner {
  let running: Promise<void> | undefined;
  let again = false;
  const start = (): void => {
    running = task()
      .catch(onError)
      .finally(() => {
        if (again) {
          again = false;
          start();
        } else running = undefined;
      });
  };
  return {
    request: () => {
      if (running) again = true;
      else start();
    },
    idle: async () => {
      while (running) await running;
    },
  };
}
