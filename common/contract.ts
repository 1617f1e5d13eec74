// The one API between the UI and the main process, defined once. Both transports carry exactly this:
// Electron IPC through the preload's contextBridge, and a WebSocket from the local browser host.
// Inputs are validated with these zod schemas on the main side before any handler runs.
// This file is imported by the renderer too: it must stay free of Node imports.
import { z } from 'zod';
import type { ErrorCode } from './errorCodes.js';
import type { ProtocolEvent } from './protocol/events.js';
import type { ClassGrid, ClassMessageView, LearnerLabView, SessionInfo } from './classroom.js';
// Views of a class are defined with the class; the API names them from here too.
export type { ClassMessageView, LearnerLabView, SessionInfo } from './classroom.js';
import { packDevMethods, type PackDevEvents, type PackDevOutputs } from './packDev.js';
import type { SessionEnded } from './sessionEnd.js';

const labId = z.string().regex(/^[a-z][a-z0-9-]{0,30}$/);
const nodeName = z.string().regex(/^[a-z][a-z0-9-]{0,30}$/);
const absPath = z
  .string()
  .max(512)
  // The lookahead runs from the very start: placed after the first "/", it let "/.." and "/../x" through.
  .regex(/^(?!.*(^|\/)\.\.(\/|$))\/[A-Za-z0-9._\-/]+$/, 'an absolute path without ".."');
const termId = z.string().regex(/^t[0-9a-z]{1,20}$/);
const dims = { cols: z.number().int().min(2).max(1000), rows: z.number().int().min(1).max(500) };

export type Lang = 'en' | 'zh-CN';
export interface Localized {
  en: string;
  'zh-CN': string;
}

// ---------- shapes returned to the UI ----------

export interface SystemStatus {
  docker: { ok: boolean; version?: string; message?: string; fix?: string };
  image: { tag: string; present: boolean; building: boolean; canBuildOffline: boolean };
  kernel: { name: string; ok: boolean; detail: string }[];
  /** The system's locale mapped to a supported language. */
  defaultLang: Lang;
}

export interface LabSummary {
  id: string;
  title: Localized;
  summary: Localized;
  minutes?: number;
  /** The manifest's `order`: the list is sorted by it (see electron/labs/labOrder.ts). */
  order?: number;
  /** Set for packs added with `halab pack import`: they follow the built-in ones. */
  imported?: boolean;
  steps: number;
  earned: number;
  /** Running instance of this lab, if any. */
  running: boolean;
  /** Set when the pack does not load: the lab is listed but cannot start. */
  error?: string;
}

export interface NodeInfo {
  name: string;
  role: 'lb' | 'web' | 'client';
  ip: string;
  state: string; // running, exited, missing, ...
}

export interface StepInfo {
  id: string;
  title: Localized;
  /** Markdown, addresses already remapped when the lab runs on another subnet. */
  body: Localized;
  checks: { id: string; title: Localized }[];
  earnedAt?: string;
  /** Done with the reference solution (the lab was started from a later step); absent once earned. */
  solvedAt?: string;
}

export interface LabDetail {
  id: string;
  title: Localized;
  summary: Localized;
  /** The documents the lab draws on (the manifest's `sources`); absent when it names none. */
  sources?: string[];
  intro?: Localized;
  steps: StepInfo[];
  subnet: string;
  vips: string[];
  nodes: NodeInfo[];
  running: boolean;
  /** Files a learner typically edits, per node, for the editor's quick-open list. */
  editableFiles: { node: string; path: string }[];
  /** The lab's nodes deliver mail that the learner reads (the manifest's `mail`): the view shows a Mail tab. */
  mail: boolean;
}

export interface CheckResultView {
  id: string;
  kind: string;
  title: Localized;
  hint: Localized;
  expected: Localized;
  seen: Localized;
  passed: boolean;
  ms: number;
  metrics?: Record<string, number>;
}

export interface StepResultView {
  step: string;
  index: number;
  passed: boolean;
  /** True when the step was earned now or earlier: status never regresses. */
  earned: boolean;
  checks: CheckResultView[];
  ms: number;
}

export interface FileContent {
  exists: boolean;
  content: string;
}

export interface ConfigMarker {
  line: number; // 1-based; 0 when the tool gave no line
  message: string;
  severity: 'error' | 'warning';
}

export interface SaveResult {
  saved: boolean;
  /** Validation by the daemon's own test mode when the file is a keepalived or nginx config. */
  validator?: 'keepalived' | 'nginx';
  valid?: boolean;
  markers: ConfigMarker[];
}

export interface TopologyState {
  lab: string;
  at: number; // ms since epoch
  nodes: NodeInfo[];
  vips: { vip: string; holders: string[] }[];
  vrrp: { node: string; instance: string; state: string; priority: number }[];
  /** VIP moves seen since the lab started, newest last. */
  timeline: { vip: string; from: string | null; to: string | null; at: number; gapMs: number | null }[];
}

/** The protocol view's data: all events known (reset) or the new ones since the last push. */
export interface ProtocolFeed {
  lab: string;
  /** true: `events` replaces what the view had; false: `events` follow it. */
  reset: boolean;
  /** The observer's live capture runs. */
  capturing: boolean;
  /** The node whose network namespace the observer shares (it hears that node's unicast traffic). */
  observer: string | null;
  /** Why nothing is being captured: the lab does not run, or its observer is gone. */
  problem?: 'notRunning' | 'noObserver' | 'notRecording';
  events: ProtocolEvent[];
}

export interface MailMessage {
  node: string;
  user: string;
  from: string;
  subject: string;
  date: string;
  body: string;
}

export interface ProgressReport {
  learner: string;
  generatedAt: string;
  labs: { id: string; title: Localized; steps: { id: string; title: Localized; earnedAt?: string; solvedAt?: string; attempts: number; lastCheckedAt?: string }[] }[];
}

// ---------- methods: input schema + output type ----------

export const methods = {
  'system.status': z.strictObject({}),
  'image.build': z.strictObject({}),
  'labs.list': z.strictObject({}),
  'labs.get': z.strictObject({ lab: labId }),
  'lab.up': z.strictObject({ lab: labId }),
  'lab.down': z.strictObject({ lab: labId }),
  /** Down and up again; the learner's edited files are kept in a backup first. */
  'lab.reset': z.strictObject({ lab: labId }),
  /** A reset, then the reference solutions of the steps before `step` (0-based), recorded as solved. */
  'lab.startFrom': z.strictObject({ lab: labId, step: z.number().int().min(0).max(99) }),
  'checks.run': z.strictObject({ lab: labId, step: z.number().int().min(0).max(99) }),
  'faults.apply': z.strictObject({
    lab: labId,
    fault: z.enum(['stop_service', 'start_service', 'kill_node', 'start_node', 'block_vrrp', 'restore_network']),
    node: nodeName,
    service: z.enum(['keepalived', 'nginx', 'cron']).optional(),
  }),
  'files.read': z.strictObject({ lab: labId, node: nodeName, path: absPath }),
  'files.write': z.strictObject({ lab: labId, node: nodeName, path: absPath, content: z.string().max(1024 * 1024) }),
  'files.validate': z.strictObject({ lab: labId, node: nodeName, path: absPath }),
  'topology.get': z.strictObject({ lab: labId }),
  'topology.watch': z.strictObject({ lab: labId, on: z.boolean() }),
  'protocol.get': z.strictObject({ lab: labId }),
  'protocol.watch': z.strictObject({ lab: labId, on: z.boolean() }),
  'mail.list': z.strictObject({ lab: labId }),
  'progress.report': z.strictObject({ format: z.enum(['json', 'html']), lang: z.enum(['en', 'zh-CN']) }),
  'terminal.open': z.strictObject({ lab: labId, node: nodeName, ...dims }),
  'terminal.input': z.strictObject({ id: termId, data: z.string().max(64 * 1024) }),
  'terminal.resize': z.strictObject({ id: termId, ...dims }),
  /** Flow control: the UI confirms how many characters it has rendered. */
  'terminal.ack': z.strictObject({
    id: termId,
    chars: z
      .number()
      .int()
      .min(0)
      .max(1 << 30),
  }),
  'terminal.close': z.strictObject({ id: termId }),
  /** Who this session is (every session may ask). */
  'session.info': z.strictObject({}),
  /** The instructor's: the grid of learners x steps, and its live updates. */
  'class.grid': z.strictObject({}),
  'class.watch': z.strictObject({ on: z.boolean() }),
  'class.report': z.strictObject({ format: z.enum(['csv', 'html', 'json']), lang: z.enum(['en', 'zh-CN']) }),
  'class.message': z.strictObject({ text: z.string().trim().min(1).max(2000) }),
  'class.resetLab': z.strictObject({ learner: z.string().regex(/^[a-z0-9][a-z0-9-]{0,15}$/), lab: labId }),
  /** Everyone in a class: the instructor's messages so far. */
  'class.messages': z.strictObject({}),
  /** The instructor's: one learner's lab, live (class.inspect and class.topology pushes) while on. */
  'class.inspect': z.strictObject({ learner: z.string().regex(/^[a-z0-9][a-z0-9-]{0,15}$/), lab: labId, on: z.boolean() }),
  /** The instructor's: a read-only copy of the learner's terminal into `node` (terminal.data under the id returned; terminal.close ends it). */
  'class.watchTerminal': z.strictObject({ learner: z.string().regex(/^[a-z0-9][a-z0-9-]{0,15}$/), lab: labId, node: nodeName }),
  ...packDevMethods,
} as const;

export type MethodName = keyof typeof methods;
export type MethodInput<M extends MethodName> = z.infer<(typeof methods)[M]>;

export interface MethodOutputs extends PackDevOutputs {
  'system.status': SystemStatus;
  'image.build': { tag: string };
  'labs.list': LabSummary[];
  'labs.get': LabDetail;
  'lab.up': LabDetail;
  'lab.down': { removedContainers: number };
  'lab.reset': { backup: string | null; detail: LabDetail };
  'lab.startFrom': { backup: string | null; detail: LabDetail; solved: number };
  'checks.run': StepResultView;
  'faults.apply': { ok: true };
  'files.read': FileContent;
  'files.write': SaveResult;
  'files.validate': SaveResult;
  'topology.get': TopologyState;
  'topology.watch': { ok: true };
  'protocol.get': ProtocolFeed;
  'protocol.watch': { ok: true };
  'mail.list': MailMessage[];
  'progress.report': { filename: string; mime: string; content: string };
  'terminal.open': { id: string };
  'terminal.input': { ok: true };
  'terminal.resize': { ok: true };
  'terminal.ack': { ok: true };
  'terminal.close': { ok: true };
  'session.info': SessionInfo;
  'class.grid': ClassGrid;
  'class.watch': { ok: true };
  'class.report': { filename: string; mime: string; content: string };
  'class.message': ClassMessageView;
  'class.resetLab': { backup: string | null };
  'class.messages': ClassMessageView[];
  'class.inspect': LearnerLabView;
  'class.watchTerminal': { id: string; cols: number; rows: number; recent: string };
}
export type MethodOutput<M extends MethodName> = MethodOutputs[M];

// ---------- events pushed to the UI ----------

export interface EventPayloads extends PackDevEvents {
  'image.progress': { line: string; done: boolean; error?: string };
  'terminal.data': { id: string; data: string };
  'terminal.exit': { id: string; code: number | null; reason: string };
  'topology.update': TopologyState;
  'protocol.events': ProtocolFeed;
  'lab.changed': { lab: string; running: boolean };
  /** While lab.startFrom runs: the solution of step `index` (0-based) of the first `total` is being applied. */
  'lab.checkpoint': { lab: string; index: number; total: number };
  /** The instructor's grid changed (a learner checked a step, started or reset a lab). */
  'class.update': ClassGrid;
  /** The instructor wrote to the class. */
  'class.message': ClassMessageView;
  /** The Docker engine that ran this lab stopped answering: the lab is gone, files and progress are kept. */
  'lab.lost': { lab: string; engine: string; at: string };
  /** The learner the instructor inspects opened or closed a terminal, started or stopped the lab, or left the class. */
  'class.inspect': LearnerLabView;
  /** The inspected learner's topology (topology.update's data, for that learner). */
  'class.topology': TopologyState & { learner: string };
  /** A watched terminal's owner resized it. */
  'terminal.resized': { id: string; cols: number; rows: number };
  /** The engine went away or came back: the UI shows it and offers to retry. */
  'docker.connection': { ok: boolean; message?: string };
  /** The host ends this page's session for good (common/sessionEnd.ts); the socket closes right after. */
  'session.ended': SessionEnded;
}
export type EventName = keyof EventPayloads;

/** Errors cross the transports as data: a message for people and a code for the UI. The UI's clients turn it
 * back into one Error class, ApiCallError (common/apiError.ts). */
export interface ApiError {
  code: ErrorCode;
  message: string;
  fix?: string;
}

/** A call's answer as the dispatcher gives it, on both transports: a result or an error, as data. */
export type CallReply = { result: unknown } | { error: ApiError };

/** What the renderer sees, whichever transport carries it. */
export interface HalabApi {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

/** What the preload exposes as `window.halab`: the dispatcher's reply as it came over IPC. An Error built in
 * the preload would reach the page without its class (the contextBridge copies values, not prototypes, and
 * the sandboxed preload cannot import common/ anyway), so renderer/api/ipcClient.ts makes the HalabApi of
 * it, with the same errors and timeouts as the WebSocket client. */
export interface IpcBridge {
  call(method: MethodName, input: unknown): Promise<CallReply>;
  on: HalabApi['on'];
}

/** The channel names used by the Electron transport. */
export const IPC_CALL = 'halab:call';
export const IPC_EVENT = 'halab:event';
