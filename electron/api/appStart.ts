// What every start of the app runs beside its windows, the desktop shell and the browser host alike: the
// Docker watch (every window hears when the engine goes and comes back) and, as soon as the engine first
// answers, the sweep of what a killed predecessor left behind in this HALAB_HOME.
import { broadcast, type Log } from './dispatch.js';
import { watchDocker, type DockerWatch } from '../topology/dockerWatch.js';
import { sweepOrphans, type SweepReport } from '../topology/manager.js';
import { startupSweep } from '../topology/startupSweep.js';

export interface AppStartOptions {
  log: Log;
  /** How the watch pings the engine (tests inject one; the default asks the engine for its version). */
  ping?: () => Promise<unknown>;
  retryMs?: number;
  /** What removes the leftovers (tests inject one). */
  sweep?: () => Promise<SweepReport>;
}

export interface AppServices {
  docker: DockerWatch;
  /** Settles once the start-up sweep has run (with what it removed) or given up (undefined). */
  swept: Promise<SweepReport | undefined>;
  stop(): void;
}

export function startAppServices(opts: AppStartOptions): AppServices {
  const sweep = startupSweep(opts.sweep ?? sweepOrphans, opts.log);
  const docker = watchDocker({
    ...(opts.ping ? { ping: opts.ping } : {}),
    ...(opts.retryMs ? { retryMs: opts.retryMs } : {}),
    onChange: (state) => {
      opts.log(`[app] Docker ${state.ok ? 'is reachable again' : `went away: ${state.message ?? ''}`}`);
      broadcast('docker.connection', state);
    },
    onReachable: () => {
      sweep.reachable();
    },
  });
  return {
    docker,
    swept: sweep.done,
    stop: () => {
      docker.stop();
    },
  };
}
