// The Electron fuses of the packaged app: bytes in the Electron binary, set at package time (before signing),
// that switch off the ways to run that binary as something other than HA Lab (a plain Node, a debuggee, an
// app loaded from a folder planted next to it). `npm run package` flips them in electron-builder's afterPack
// hook (scripts/packageAfterPack.mjs) and reads them back from the packaged binary; any difference from
// WANTED_FUSES fails the packaging. Plain data and functions, so test/unit/packaging.test.ts can run them on
// a fake binary; @electron/fuses is handed in by the caller (a dev dependency: the app never loads it).
import { join } from 'node:path';

/** Positions on Electron's fuse wire, version 1: the order of @electron/fuses' FuseV1Options (the test checks they agree). */
export const FUSE_POSITIONS = {
  RunAsNode: 0,
  EnableCookieEncryption: 1,
  EnableNodeOptionsEnvironmentVariable: 2,
  EnableNodeCliInspectArguments: 3,
  EnableEmbeddedAsarIntegrityValidation: 4,
  OnlyLoadAppFromAsar: 5,
  LoadBrowserProcessSpecificV8Snapshot: 6,
  GrantFileProtocolExtraPrivileges: 7,
  // The ninth fuse of recent Electron releases; @electron/fuses 1.8 (electron-builder 26's) has no name for it.
  WasmTrapHandlers: 8,
} as const;
export type FuseName = keyof typeof FUSE_POSITIONS;

/** The only wire version this check knows; a binary with another one fails the packaging until reviewed. */
export const FUSE_WIRE_VERSION = '1';

/** The fuses of every packaged HA Lab. A fuse the binary has and this list does not name fails the packaging. */
export const WANTED_FUSES: Readonly<Record<FuseName, boolean>> = {
  // ELECTRON_RUN_AS_NODE would make the binary a plain Node with the app's identity (the app never forks).
  RunAsNode: false,
  // Cookies on disk encrypted with the OS keystore; the app keeps no cookies, so this costs nothing.
  EnableCookieEncryption: true,
  // NODE_OPTIONS (--require a script) and --inspect / SIGUSR1 would run code in the main process.
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  // app.asar checked against the hash embedded at package time (macOS and Windows), and the only place the
  // app's code is loaded from (no resources/app/ folder planted next to it).
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  // No browser-process V8 snapshot is shipped.
  LoadBrowserProcessSpecificV8Snapshot: false,
  // The UI loads from app://, never file://: file:// pages need no extra privileges.
  GrantFileProtocolExtraPrivileges: false,
  // Electron's default: V8 traps out-of-bounds WebAssembly memory accesses with signal handlers.
  WasmTrapHandlers: true,
};

/** The bytes of a fuse on the wire ('0', '1', 'r'), as Electron's build/fuses/fuses.json5 defines them. */
const FUSE_BYTE = { off: 0x30, on: 0x31, removed: 0x72 } as const;

/** What @electron/fuses' getCurrentFuseWire() returns: the wire version and each fuse's byte by position. */
export type FuseWireReading = Readonly<Record<string, string | number>>;

/** The part of @electron/fuses this module uses (a dev dependency, passed in by the packaging hook and the tests). */
export interface FuseLibrary {
  flipFuses(pathToElectron: string, config: FlipConfig): Promise<number>;
  getCurrentFuseWire(pathToElectron: string): Promise<object>;
}

/** A flipFuses() configuration: the wire version and the wanted state by position (@electron/fuses' FuseConfig, loosely). */
export type FlipConfig = { version: string; resetAdHocDarwinSignature?: boolean; strictlyRequireAllFuses?: boolean } & Partial<Record<number, boolean>>;

/**
 * The configuration handed to flipFuses(). Not strictlyRequireAllFuses: @electron/fuses 1.8 refuses a wire
 * longer than the fuses it names (Electron 45 has one more). The read-back below is the strict check.
 */
export function flipConfig(resetAdHocDarwinSignature: boolean, wanted: Readonly<Record<FuseName, boolean>> = WANTED_FUSES): FlipConfig {
  const config: FlipConfig = { version: FUSE_WIRE_VERSION, resetAdHocDarwinSignature, strictlyRequireAllFuses: false };
  for (const [name, on] of Object.entries(wanted) as [FuseName, boolean][]) config[FUSE_POSITIONS[name]] = on;
  return config;
}

const describeByte = (byte: number | string | undefined): string => {
  if (byte === FUSE_BYTE.on) return 'on';
  if (byte === FUSE_BYTE.off) return 'off';
  if (byte === FUSE_BYTE.removed) return 'removed from this Electron';
  return byte === undefined ? 'missing from the wire' : `an unknown state (${String(byte)})`;
};

/** What is wrong with a read-back wire, one sentence each; empty when it is exactly the wanted one. */
export function fuseWireProblems(reading: FuseWireReading, wanted: Readonly<Record<FuseName, boolean>> = WANTED_FUSES): string[] {
  if (String(reading.version) !== FUSE_WIRE_VERSION) return [`fuse wire version ${String(reading.version)}, this check knows version ${FUSE_WIRE_VERSION}`];
  const problems: string[] = [];
  for (const [name, on] of Object.entries(wanted) as [FuseName, boolean][]) {
    const seen = reading[FUSE_POSITIONS[name]];
    if (seen !== (on ? FUSE_BYTE.on : FUSE_BYTE.off)) problems.push(`${name} is ${describeByte(seen)}, wanted ${on ? 'on' : 'off'}`);
  }
  const known = new Set<number>(Object.values(FUSE_POSITIONS));
  for (const key of Object.keys(reading)) {
    const position = Number(key);
    if (key !== 'version' && Number.isInteger(position) && !known.has(position)) {
      problems.push(`fuse ${position} (${describeByte(reading[key])}) is not reviewed: name it in WANTED_FUSES (electron/shell/fuses.ts)`);
    }
  }
  return problems;
}

/**
 * Flips the fuses of a packaged Electron binary to WANTED_FUSES, reads them back from the file, and throws
 * with every difference. Returns the read-back wire.
 */
export async function applyAndVerifyFuses(executable: string, fuses: FuseLibrary, opts: { resetAdHocDarwinSignature?: boolean } = {}): Promise<FuseWireReading> {
  await fuses.flipFuses(executable, flipConfig(opts.resetAdHocDarwinSignature ?? false));
  const reading = (await fuses.getCurrentFuseWire(executable)) as FuseWireReading;
  const problems = fuseWireProblems(reading);
  if (problems.length) throw new Error(`The fuses of ${executable} are not the wanted ones after flipping them:\n  ${problems.join('\n  ')}`);
  return reading;
}

/** Where electron-builder leaves the Electron binary in appOutDir (what @electron/fuses takes: the .app on macOS). */
export function packagedExecutable(ctx: { appOutDir: string; electronPlatformName: string; executableName: string; productFilename: string }): string {
  if (ctx.electronPlatformName === 'darwin' || ctx.electronPlatformName === 'mas') return join(ctx.appOutDir, `${ctx.productFilename}.app`);
  if (ctx.electronPlatformName === 'win32') return join(ctx.appOutDir, `${ctx.productFilename}.exe`);
  return join(ctx.appOutDir, ctx.executableName);
}
