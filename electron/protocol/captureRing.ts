// Reads what the observer recorded since the lab started: its ring of pcap files, decoded into events.
// Used by the `protocol` check (from any process: the app, the CLI, the self-test) and to seed the live view.
import type { ProtocolEvent } from '../../common/protocol/events.js';
import type { ContainerHandle } from '../runtime/containerRuntime.js';
import { probeIn } from '../runtime/execBatch.js';
import { errorMessage } from '../util/errors.js';
import { RING_DUMP_ARGV, RING_FILE_MB, RING_FILES } from './captureFiles.js';
import { Decoder, type NodeAddress } from './decode.js';
import { readPcapFile } from './pcap.js';

export type CaptureReading = { ok: true; events: ProtocolEvent[] } | { ok: false; problem: 'noObserver' | 'notRecording'; detail: string };

/** base64 of the whole ring, with room for its line ends. */
const RING_MAX_BYTES = Math.ceil((RING_FILE_MB * 1_000_000 * RING_FILES * 4) / 3) + 4096;

/** A file tcpdump has just opened may not hold its whole header yet: it holds no frame either. */

/** The nodes whose addresses name senders. */
export const addressed = (nodes: readonly { name: string; ip?: string }[]): NodeAddress[] => nodes.flatMap((n) => (n.ip ? [{ name: n.name, ip: n.ip }] : []));

/** Decodes the ring dump: one base64 pcap file per line, oldest first. */
export function decodeRingDump(dump: string, nodes: readonly { name: string; ip?: string }[]): ProtocolEvent[] {
  const decoder = new Decoder(addressed(nodes));
  const events: ProtocolEvent[] = [];
  for (const line of dump.split('\n')) {
    if (!line.trim()) continue;
    // A file tcpdump has only just opened holds no whole header yet: readPcapFile gives no frame for it.
    for (const frame of readPcapFile(Buffer.from(line, 'base64'))) {
      const e = decoder.decode(frame);
      if (e) events.push(e);
    }
  }
  // Files rotate: their order is by last write, so one sort puts every event in capture order.
  return events.sort((a, b) => a.at - b.at);
}

/** Readings under way, by observer: the checks of one step read the ring once between them. */
const inFlight = new Map<string, Promise<CaptureReading>>();

/** `fresh`: a reading that begins now, never one already under way (the live view joins its stream to it). */
export function readCapture(observer: ContainerHandle | undefined, nodes: readonly { name: string; ip?: string }[], opts: { fresh?: boolean } = {}): Promise<CaptureReading> {
  if (!observer || opts.fresh) return readOnce(observer, nodes);
  let reading = inFlight.get(observer.ref);
  if (!reading) {
    reading = readOnce(observer, nodes).finally(() => inFlight.delete(observer.ref));
    inFlight.set(observer.ref, reading);
  }
  return reading;
}

async function readOnce(observer: ContainerHandle | undefined, nodes: readonly { name: string; ip?: string }[]): Promise<CaptureReading> {
  if (!observer) return { ok: false, problem: 'noObserver', detail: 'this lab has no observer' };
  let res;
  try {
    res = await probeIn(observer, RING_DUMP_ARGV, { timeoutMs: 5000, maxBytes: RING_MAX_BYTES });
  } catch (err) {
    return { ok: false, problem: 'noObserver', detail: errorMessage(err).split('\n')[0] ?? '' };
  }
  if (res.exitCode !== 0) return { ok: false, problem: 'notRecording', detail: res.stderr.trim() || `exit ${res.exitCode}` };
  return { ok: true, events: decodeRingDump(res.stdout, nodes) };
}
