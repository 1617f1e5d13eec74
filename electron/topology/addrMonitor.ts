// A live `ip -ts -o monitor address` inside one node, streamed through the Docker API and parsed as the
// lines arrive. The shell prints the monitor's pid so stopping kills it inside the node too (Docker does not
// end an exec's process when its client goes away); it prints it 0.1 s after starting it, by which time the
// monitor has subscribed (the image's own address log relies on the same delay), so a snapshot read after
// the pid line misses no change.
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { docker } from '../docker/client.js';
import { execIn } from '../docker/exec.js';
import { parseAddrLog, type AddrEvent } from '../probes/addrLog.js';

export interface AddrMonitor {
  /** From about when (ms since epoch) this monitor sees every change: its subscription time. */
  since: number;
  stop(): Promise<void>;
}

/** The shell waits this long after starting `ip monitor` before saying it is ready. */
const SUBSCRIBE_MS = 100;

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

export async function startAddrMonitor(
  container: Docker.Container,
  node: string,
  onEvents: (events: AddrEvent[]) => void,
  onEnd: () => void,
): Promise<AddrMonitor> {
  const exec = await container.exec({
    Cmd: ['sh', '-c', `ip -ts -o monitor address & p=$!; sleep ${SUBSCRIBE_MS / 1000}; echo "pid $p"; wait $p`],
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  const out = new PassThrough();
  const err = new PassThrough();
  docker().modem.demuxStream(stream, out, err);
  err.resume();
  let pid: string | undefined;
  let since = Date.now();
  let resolvePid: () => void = () => undefined;
  const pidKnown = new Promise<void>((r) => (resolvePid = r));
  const lines = lineSplitter((line) => {
    const m = /^pid (\d+)$/.exec(line);
    if (m && !pid) {
      pid = m[1];
      since = Date.now() - SUBSCRIBE_MS;
      resolvePid();
      return;
    }
    const events = parseAddrLog(node, line);
    if (events.length) onEvents(events);
  });
  out.on('data', (chunk: Buffer) => { lines.push(chunk); });
  let stopped = false;
  const ended = (): void => {
    lines.end();
    resolvePid();
    if (!stopped) onEnd();
    stopped = true;
  };
  stream.on('end', ended);
  stream.on('close', ended);
  stream.on('error', ended);
  // The monitor is subscribed once the shell has run: callers read a snapshot only after this.
  await Promise.race([pidKnown, new Promise((r) => setTimeout(r, 3000))]);
  return {
    since,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (pid) await execIn(container, ['kill', pid], { timeoutMs: 2000 }).catch(() => undefined);
      stream.destroy();
    },
  };
}
