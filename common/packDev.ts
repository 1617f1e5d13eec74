// What `halab pack dev` (and the desktop's "Open pack folder") shows an author: the pack as a learner meets
// it, the lint findings at their file and line, and the both-ways self-test's readings as they come.
// Its part of the API contract is defined here and spread into common/contract.ts. Shared by the engine
// and the UI: no Node, no DOM.
import { z } from 'zod';
import type { Lang, Localized } from './contract.js';

export interface PackDevCheck {
  id: string;
  kind: string;
  title: Localized;
  hint: Localized;
}

export interface PackDevStep {
  id: string;
  title: Localized;
  /** Markdown as written in the pack (addresses not remapped: the author's own text). */
  body: Localized;
  checks: PackDevCheck[];
}

/** The lesson as the learner sees it, in both languages. */
export interface PackPreview {
  id: string;
  title: Localized;
  summary: Localized;
  intro?: Localized;
  steps: PackDevStep[];
}

/** One finding of `halab pack lint`, its file relative to the pack folder. */
export interface PackFinding {
  level: 'error' | 'warning';
  file: string;
  line: number;
  message: string;
}

export interface PackDevState {
  /** The pack folder as opened. */
  dir: string;
  /** Counts the loads since the folder was opened: the page tells a reload from a repeat. */
  revision: number;
  /** When this load finished (ms since epoch). */
  loadedAt: number;
  /** The last version of the pack that loaded; absent while it never has. */
  preview?: PackPreview;
  /** Why the pack on disk does not load now; `preview`, if any, is then an older version. */
  loadError?: string;
  findings: PackFinding[];
  /** The language asked for on the command line (`--lang`); absent: both side by side. */
  lang?: Lang;
  /** A lab of this pack runs (started from the app or `halab up`). */
  running: boolean;
}

/** Which reading a self-test made: fresh and before-solution must fail, after-solution must pass. */
export type SelfTestPhase = 'fresh' | 'before-solution' | 'after-solution';

/** What the self-test pushes while it runs. */
export type PackDevSelfTestEvent =
  { kind: 'reading'; phase: SelfTestPhase; step: string; check: string; passed: boolean; expected: Localized; seen: Localized; ms: number } | { kind: 'progress'; line: string };

export interface PackDevSelfTestReport {
  lab: string;
  passed: boolean;
  checksProven: number;
  checksTotal: number;
  defects: { step: string; check: string; phase: string; message: string }[];
  seconds: number;
}

export const packDevMethods = {
  /** The open pack folder; while on, every reload comes as packdev.update. */
  'packdev.watch': z.strictObject({ on: z.boolean() }),
  /** The open pack's both-ways self-test; its readings come as packdev.selfTest events. */
  'packdev.selfTest': z.strictObject({}),
} as const;

export interface PackDevOutputs {
  'packdev.watch': PackDevState;
  'packdev.selfTest': PackDevSelfTestReport;
}

export interface PackDevEvents {
  /** The open pack folder was saved and loaded again (or failed to load). */
  'packdev.update': PackDevState;
  'packdev.selfTest': PackDevSelfTestEvent;
}
