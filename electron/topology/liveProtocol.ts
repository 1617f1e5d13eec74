// The protocol view's live feed: what the lab's observer captures, decoded into events and pushed to the
// watchers in small batches. It runs only while someone watches a running lab: on the first watcher it
// starts a live capture in the observer, then reads the observer's ring (everything since the lab started)
// and joins the two at the ring's last packet, so nothing is missed or shown twice. A capture that ends
// while someone still watches (node restart, engine restart) is started again after a growing delay.
import type { ProtocolFeed } from '../../common/contract.js';
import type { ProtocolEvent } from '../../common/protocol/events.js';
import type { ExecStream } from '../runtime/containerRuntime.js';
import { errorMessage } from '../util/errors.js';
import { LIVE_CAPTURE_ARGV } from '../protocol/captureFiles.js';
import { addressed, readCapture } from '../protocol/captureRing.js';
import { Decoder } from '../protocol/decode.js';
import { PcapReader } from '../protocol/pcap.js';
import { runningLab } from './labReadings.js';

export type ProtocolListener = (feed: ProtocolFeed) => void;

/** The events a view keeps and a new watcher is sent: at 2 adverts a second, well over half an hour. */
export const MAX_EVENTS = 5000;
/** Batching keeps pushes few while adverts stream at 10 a second, and well under the view's 500 ms budget. */
const FLUSH_MS = 50;
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 15_000;

interface LabFeed {
  watchers: Map<string, ProtocolListener>;
  events: ProtocolEvent[];
  capturing: boolean;
  observer: string | null;
  problem?: ProtocolFeed['problem'];
  stream?: ExecStream;
  pending: ProtocolEvent[];
  flushTimer?: NodeJS.Timeout;
  retryTimer?: NodeJS.Timeout;
  retryMs: number;
  /** Bumped on every (re)start and stop: a capture of an older generation no longer delivers. */
  generation: number;
  /** A start under way: a second watcher waits for it rather than starting another capture. */
  starting?: Promise<void>;
}

const keepNewest = (events: ProtocolEvent[]): ProtocolEvent[] => (events.length > MAX_EVENTS ? events.slice(events.length - MAX_EVENTS) : events);

export class ProtocolHub {
  private readonly labs = new Map<string, LabFeed>();

  constructor(private readonly log: (line: string) => void = (line) => void process.stderr.write(`${line}\n`)) {}

  /** Adds a watcher and sends it everything known so far (reset), then batches as they come. */
  async watch(lab: string, session: string, listener: ProtocolListener): Promise<void> {
    let f = this.labs.get(lab);
    if (!f) {
      f = { watchers: new Map(), events: [], capturing: false, observer: null, pending: [], retryMs: FIRST_RETRY_MS, generation: 0 };
      this.labs.set(lab, f);
    }
    f.watchers.set(session, listener);
    if (!f.capturing && !f.retryTimer) await this.startOnce(lab, f);
    listener(this.snapshot(lab, f, true));
  }

  unwatch(lab: string, session: string): Promise<void> {
    const f = this.labs.get(lab);
    if (!f) return Promise.resolve();
    f.watchers.delete(session);
    if (f.watchers.size === 0) {
      this.stop(f);
      this.labs.delete(lab);
    }
    return Promise.resolve();
  }

  async unwatchSession(session: string): Promise<void> {
    await Promise.all([...this.labs.keys()].map((lab) => this.unwatch(lab, session)));
  }

  /** Everything known now; with nobody watching, one reading of the observer's ring. */
  async get(lab: string): Promise<ProtocolFeed> {
    const f = this.labs.get(lab);
    if (f) return this.snapshot(lab, f, true);
    const running = await runningLab(lab);
    if (!running) return { lab, reset: true, capturing: false, observer: null, problem: 'notRunning', events: [] };
    const obs = running.observer();
    const reading = await readCapture(obs?.container, running.nodes);
    return reading.ok
      ? { lab, reset: true, capturing: false, observer: obs?.node ?? null, events: keepNewest(reading.events) }
      : { lab, reset: true, capturing: false, observer: obs?.node ?? null, problem: reading.problem, events: [] };
  }

  /** A lab came up (again): a watched feed starts over on the new lab. */
  labStarted(lab: string): void {
    const f = this.labs.get(lab);
    if (!f) return;
    this.stop(f);
    f.events = [];
    void this.startOnce(lab, f);
  }

  /** A lab is going down: its capture ends on purpose, and the watchers hear it no longer runs. */
  labStopped(lab: string): void {
    const f = this.labs.get(lab);
    if (!f) return;
    this.stop(f);
    f.problem = 'notRunning';
    this.send(f, this.snapshot(lab, f, false));
  }

  closeAll(): void {
    for (const f of this.labs.values()) this.stop(f);
    this.labs.clear();
  }

  private snapshot(lab: string, f: LabFeed, reset: boolean): ProtocolFeed {
    return { lab, reset, capturing: f.capturing, observer: f.observer, ...(f.problem ? { problem: f.problem } : {}), events: reset ? f.events : [] };
  }

  private send(f: LabFeed, feed: ProtocolFeed): void {
    for (const l of f.watchers.values()) l(feed);
  }

  private stop(f: LabFeed): void {
    f.generation++;
    // A start under way belongs to the old generation: it gives up, and the next start is a new one.
    f.starting = undefined;
    clearTimeout(f.flushTimer);
    clearTimeout(f.retryTimer);
    f.flushTimer = undefined;
    f.retryTimer = undefined;
    f.stream?.close();
    f.stream = undefined;
    f.capturing = false;
    f.pending = [];
  }

  private startOnce(lab: string, f: LabFeed): Promise<void> {
    if (f.starting) return f.starting;
    const starting: Promise<void> = this.start(lab, f).finally(() => {
      if (f.starting === starting) f.starting = undefined;
    });
    f.starting = starting;
    return starting;
  }

  private async start(lab: string, f: LabFeed): Promise<void> {
    // A capture still open from before is closed, never left running beside the new one.
    f.stream?.close();
    f.stream = undefined;
    const generation = ++f.generation;
    try {
      const running = await runningLab(lab);
      if (!running) {
        f.problem = 'notRunning';
        return;
      }
      const obs = running.observer();
      f.observer = obs?.node ?? null;
      if (!obs) {
        f.problem = 'noObserver';
        return;
      }
      const decoder = new Decoder(addressed(running.nodes));
      const pcap = new PcapReader();
      const live: ProtocolEvent[] = [];
      let joined = false;
      const stream = await obs.container.execStream(LIVE_CAPTURE_ARGV);
      if (generation !== f.generation) {
        stream.close();
        return;
      }
      f.stream = stream;
      stream.stdout.on('data', (chunk: Buffer) => {
        if (generation !== f.generation) return;
        let frames;
        try {
          frames = pcap.push(chunk);
        } catch (err) {
          this.log(`[protocol] ${lab}: ${errorMessage(err)}`);
          stream.close();
          return;
        }
        for (const frame of frames) {
          const e = decoder.decode(frame);
          if (!e) continue;
          if (joined) this.queue(lab, f, e);
          else live.push(e);
        }
      });
      void stream.ended.then(() => {
        if (generation !== f.generation) return;
        f.capturing = false;
        f.stream = undefined;
        this.retryLater(lab, f, 'the live capture ended');
      });
      const ring = await readCapture(obs.container, running.nodes, { fresh: true });
      if (generation !== f.generation) return;
      const history = ring.ok ? ring.events : [];
      const lastAt = history.at(-1)?.at ?? 0;
      f.events = keepNewest([...history, ...live.filter((e) => e.at > lastAt)]);
      joined = true;
      f.capturing = true;
      f.retryMs = FIRST_RETRY_MS;
      delete f.problem;
      this.send(f, this.snapshot(lab, f, true));
    } catch (err) {
      if (generation !== f.generation) return;
      f.problem = 'noObserver';
      this.retryLater(lab, f, errorMessage(err));
    }
  }

  private queue(lab: string, f: LabFeed, e: ProtocolEvent): void {
    f.pending.push(e);
    f.flushTimer ??= setTimeout(() => {
      f.flushTimer = undefined;
      const batch = f.pending;
      f.pending = [];
      f.events = keepNewest([...f.events, ...batch]);
      this.send(f, { lab, reset: false, capturing: f.capturing, observer: f.observer, events: batch });
    }, FLUSH_MS);
  }

  private retryLater(lab: string, f: LabFeed, why: string): void {
    if (f.retryTimer || this.labs.get(lab) !== f || f.watchers.size === 0) return;
    this.log(`[protocol] ${lab}: ${why}; next try in ${f.retryMs / 1000} s`);
    this.send(f, this.snapshot(lab, f, false));
    f.retryTimer = setTimeout(() => {
      f.retryTimer = undefined;
      if (this.labs.get(lab) !== f || f.watchers.size === 0) return;
      void this.startOnce(lab, f);
    }, f.retryMs);
    f.retryMs = Math.min(MAX_RETRY_MS, f.retryMs * 2);
  }
}

export const protocolHub = new ProtocolHub();
