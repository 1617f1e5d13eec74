// A live `ip -ts -o monitor address` inside one node, streamed through the runtime and parsed as the lines
// arrive. The shell prints the monitor's pid so stopping kills it inside the node too (a runtime does not end
// an exec's process when its client goes away); it prints it 0.1 s after starting it, by which time the
// monitor has subscribed (the image's own address log relies on the same delay), so a reading of the node's
// addresses taken after the pid line misses no change.
import type { ContainerHandle } from '../runtime/containerRuntime.js';
import { parseAddrLog, type AddrEvent } from '../probes/addrLog.js';

export interface AddrMonitor {
  /** Resolves when the stream ends, for any reason (stopped, the node died, the engine went away). */
  readonly ended: Promise<void>;
  stop(): Promise<void>;
}

/** The shell waits this long after starting `ip monitor` before saying it is ready. */
const SUBSCRIBE_MS = 100;
/** How long a start waits for the pid line: a loaded machine can be slow to run a shell, not this slow. */
const READY_WAIT_MS = 10_000;

/** Splits a byte stream into lines, keeping a partial line (and partial UTF-8) until its end arrives. */
export function lineSplitter(onLine: (line: string) => void): { push(chunk: Buffer): void; end(): void } {
  let tail = Buffer.alloc(0);
  return {
    push(chunk) {
      let buf = tail.length ? Buffer.concat([tail, chunk]) : chunk;
      let nl = buf.indexOf(0x0a);
      while (nl !== -1) {
        onLine(buf.subarray(0, nl).toString('utf8'));
        buf = buf.subarray(nl + 1);
        nl = buf.indexOf(0x0a);
      }
      // A runaway line without a newline is dropped rather than grown forever.
      tail = buf.length > 64 * 1024 ? Buffer.alloc(0) : Buffer.from(buf);
    },
    end() {
      if (tail.length) onLine(tail.toString('utf8'));
      tail = Buffer.alloc(0);
    },
  };
}

/** Resolves when `p` settles or after `ms`, whichever comes first; never rejects. */
function within(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]).finally(() => {
    clearTimeout(timer);
  });
}

/** Starts the monitor; resolves once it has subscribed (or the stream ended first). */
export async function startAddrMonitor(container: ContainerHandle, node: string, onEvents: (events: AddrEvent[]) => void): Promise<AddrMonitor> {
  const exec = await container.execStream(['sh', '-c', `ip -ts -o monitor address & p=$!; sleep ${SUBSCRIBE_MS / 1000}; echo "pid $p"; wait $p`]);
  exec.stderr.resume();
  let pid: string | undefined;
  let resolvePid: () => void = () => undefined;
  const pidKnown = new Promise<void>((r) => (resolvePid = r));
  const lines = lineSplitter((line) => {
    const m = /^pid (\d+)$/.exec(line);
    if (m && !pid) {
      pid = m[1];
      resolvePid();
      return;
    }
    const events = parseAddrLog(node, line);
    if (events.length) onEvents(events);
  });
  exec.stdout.on('data', (chunk: Buffer) => {
    lines.push(chunk);
  });
  const ended = exec.ended.then(() => {
    lines.end();
    resolvePid();
  });
  await within(pidKnown, READY_WAIT_MS);
  let stopping: Promise<void> | undefined;
  return {
    ended,
    stop() {
      stopping ??= (async () => {
        // Stopped right after its start, the shell may not have said the pid yet: wait for it, bounded.
        await within(pidKnown, 2000);
        if (pid) await container.exec(['kill', pid], { timeoutMs: 2000 }).catch(() => undefined);
        exec.close();
      })();
      return stopping;
    },
  };
}
