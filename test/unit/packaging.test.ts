// The packaged app's fuses: `npm run package` runs electron-builder, whose afterPack hook
// (scripts/packageAfterPack.mjs) flips the fuses with @electron/fuses and reads them back from the packaged
// binary, failing the packaging on any difference. Electron's binary cannot be had here, so the hook runs on
// a small fake binary that carries a real fuse wire: @electron/fuses finds it by its sentinel, as in Electron.
import { describe, expect, it } from 'vitest';
import { mkdir, readFile, readdir, readlink, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { FuseV1Options, flipFuses, getCurrentFuseWire } from '@electron/fuses';
import { FUSE_POSITIONS, WANTED_FUSES, applyAndVerifyFuses, fuseWireProblems, packagedExecutable, type FuseName } from '../../electron/shell/fuses.js';
import { outsideAsar, projectRoot } from '../../electron/util/paths.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const root = projectRoot();
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// An unflipped recent Electron's nine fuses: RunAsNode, NODE_OPTIONS, --inspect, file:// privileges and Wasm trap handlers on.
const STOCK_WIRE = '101100011';

/** A file shaped like an Electron binary where fuses are concerned: bytes, sentinel, version, length, wire, bytes. */
async function fakeElectron(wire = STOCK_WIRE, version = 1): Promise<string> {
  const file = join(makeTempDir('halab-fuses-'), 'halab');
  const filler = Buffer.alloc(4096, 0xcc);
  await writeFile(file, Buffer.concat([filler, Buffer.from(SENTINEL), Buffer.from([version, wire.length]), Buffer.from(wire), filler]));
  return file;
}

/** The wire's bytes as '0'/'1'/'r' characters, read straight from the file. */
async function wireOf(file: string): Promise<string> {
  const bytes = await readFile(file);
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length;
  const length = bytes[at + 1] ?? 0;
  return bytes.subarray(at + 2, at + 2 + length).toString('latin1');
}

const fuses = { flipFuses, getCurrentFuseWire };
// npm reads the lock file and the installed tree only (no network): a second or two; a minute allows a busy machine.
const NPM_TIMEOUT_MS = 60_000;
// The wanted wire in fuse order, written out by hand so a change to WANTED_FUSES has to change it too.
const HARDENED_WIRE = '010011001';

describe('the wanted fuses (one constant, electron/shell/fuses.ts)', () => {
  it('turn off every way to run the binary as something else, and name every fuse of the wire', () => {
    expect(WANTED_FUSES).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
      WasmTrapHandlers: true,
    });
    expect(Object.keys(FUSE_POSITIONS).sort()).toEqual(Object.keys(WANTED_FUSES).sort());
  });

  it("place each fuse where @electron/fuses' FuseV1Options does", () => {
    const named = Object.entries(FuseV1Options).filter(([, v]) => typeof v === 'number') as [FuseName, number][];
    expect(named.length).toBeGreaterThanOrEqual(8);
    for (const [name, position] of named) expect(FUSE_POSITIONS[name], name).toBe(position);
  });
});

describe('applyAndVerifyFuses (the afterPack hook) on a fake binary', () => {
  it('flips a stock wire to the wanted one and reads it back', async () => {
    const binary = await fakeElectron();
    const reading = await applyAndVerifyFuses(binary, fuses);
    expect(await wireOf(binary)).toBe(HARDENED_WIRE);
    expect(fuseWireProblems(reading)).toEqual([]);
  });

  it('fails on a fuse it cannot set (@electron/fuses 1.8 has no name for the ninth)', async () => {
    const binary = await fakeElectron('101100010');
    await expect(applyAndVerifyFuses(binary, fuses)).rejects.toThrow(/WasmTrapHandlers is off, wanted on/);
  });

  it('fails on a wire with a fuse nobody reviewed (a newer Electron)', async () => {
    const binary = await fakeElectron('1011000111');
    await expect(applyAndVerifyFuses(binary, fuses)).rejects.toThrow(/fuse 9 .*not reviewed/);
  });

  it('fails on a binary with no fuse wire', async () => {
    const file = join(makeTempDir('halab-fuses-'), 'not-electron');
    await writeFile(file, Buffer.alloc(1024, 0x41));
    await expect(applyAndVerifyFuses(file, fuses)).rejects.toThrow(/sentinel/i);
  });

  it('fails when the read-back differs from the wanted wire (a flip that did not stick)', async () => {
    const binary = await fakeElectron();
    const noFlip = { flipFuses: () => Promise.resolve(1), getCurrentFuseWire };
    await expect(applyAndVerifyFuses(binary, noFlip)).rejects.toThrow(/RunAsNode is on, wanted off[\s\S]*EnableNodeOptionsEnvironmentVariable is on, wanted off/);
  });
});

describe('fuseWireProblems (the comparison)', () => {
  const reading = (wire: string, version = '1'): Record<string, string | number> => ({ version, ...Object.fromEntries(Array.from(Buffer.from(wire, 'latin1'), (byte, i) => [i, byte])) });
  it('accepts exactly the wanted wire', () => {
    expect(fuseWireProblems(reading(HARDENED_WIRE))).toEqual([]);
  });
  it('names each difference, a removed fuse, a missing one and a wire version it does not know', () => {
    expect(fuseWireProblems(reading('110011001'))).toEqual(['RunAsNode is on, wanted off']);
    expect(fuseWireProblems(reading('01001100r'))).toEqual(['WasmTrapHandlers is removed from this Electron, wanted on']);
    expect(fuseWireProblems(reading('01001100'))).toEqual(['WasmTrapHandlers is missing from the wire, wanted on']);
    expect(fuseWireProblems(reading(HARDENED_WIRE, '2'))).toEqual(['fuse wire version 2, this check knows version 1']);
  });
});

describe('packagedExecutable', () => {
  it('is the file or bundle electron-builder leaves in appOutDir, per platform', () => {
    const names = { executableName: 'halab', productFilename: 'HA Lab' };
    expect(packagedExecutable({ appOutDir: '/out/linux-unpacked', electronPlatformName: 'linux', ...names })).toBe('/out/linux-unpacked/halab');
    expect(packagedExecutable({ appOutDir: '/out/win-unpacked', electronPlatformName: 'win32', ...names })).toBe('/out/win-unpacked/HA Lab.exe');
    expect(packagedExecutable({ appOutDir: '/out/mac', electronPlatformName: 'darwin', ...names })).toBe('/out/mac/HA Lab.app');
    expect(packagedExecutable({ appOutDir: '/out/mas', electronPlatformName: 'mas', ...names })).toBe('/out/mas/HA Lab.app');
  });
});

describe('package.json: the packaging is wired up', () => {
  interface Pkg {
    scripts: Record<string, string>;
    devDependencies: Record<string, string>;
    allowScripts: Record<string, boolean>;
    build: Record<string, unknown> & { asar?: boolean; afterPack?: string; asarUnpack?: string[] };
  }
  const pkg = async (): Promise<Pkg> => JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as Pkg;

  it('exposes npm run package, with electron-builder and @electron/fuses as dev dependencies', async () => {
    const p = await pkg();
    expect(p.scripts.package).toBe('node scripts/package.mjs');
    expect(p.devDependencies['electron-builder']).toBeDefined();
    expect(p.devDependencies['@electron/fuses']).toBeDefined();
    expect(existsSync(join(root, 'node_modules', 'electron-builder', 'package.json'))).toBe(true);
  });

  it('flips the fuses in its afterPack hook only (no second list for electron-builder to apply unverified)', async () => {
    const { build } = await pkg();
    expect(build.afterPack).toBe('./scripts/packageAfterPack.mjs');
    expect(existsSync(join(root, String(build.afterPack)))).toBe(true);
    expect(build.electronFuses).toBeUndefined();
  });

  it('packs the app into app.asar, which OnlyLoadAppFromAsar and the integrity check need', async () => {
    const { build } = await pkg();
    expect(build.asar).toBe(true);
    // Read by other programs (docker build, bash): they must be real files next to the archive.
    expect(build.asarUnpack).toEqual(expect.arrayContaining(['containers/**', 'labs/**']));
  });

  it(
    'runs no install script that allowScripts has not reviewed: npm ci stays offline',
    async () => {
      const { allowScripts } = await pkg();
      // electron-winstaller (Windows installers) would unpack 7-Zip at install time: denied by name.
      expect(allowScripts['electron-winstaller']).toBe(false);
      const res = spawnSync('npm', ['install-scripts', 'ls', '--json'], { cwd: root, encoding: 'utf8', timeout: NPM_TIMEOUT_MS });
      expect(res.status, res.stderr).toBe(0);
      expect((JSON.parse(res.stdout) as { allowScripts: unknown[] }).allowScripts).toEqual([]);
    },
    NPM_TIMEOUT_MS,
  );
});

describe('npm run package without an Electron runtime', () => {
  it(
    'stops before building anything, saying what is missing and how to get it',
    () => {
      const emptyRuntime = makeTempDir('halab-no-electron-');
      const res = spawnSync(process.execPath, [join(root, 'scripts', 'package.mjs'), '--dir'], {
        cwd: root,
        encoding: 'utf8',
        timeout: NPM_TIMEOUT_MS,
        env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: emptyRuntime },
      });
      expect(res.status).toBe(3);
      expect(res.stderr).toContain(`no ${join(emptyRuntime, 'version')}`);
      expect(res.stderr).toMatch(/npx install-electron/);
      expect(res.stdout).toBe(''); // no build ran
    },
    NPM_TIMEOUT_MS,
  );

  it(
    'refuses another platform than the runtime it has',
    () => {
      const other = process.platform === 'win32' ? '--linux' : '--win';
      const res = spawnSync(process.execPath, [join(root, 'scripts', 'package.mjs'), other], { cwd: root, encoding: 'utf8', timeout: NPM_TIMEOUT_MS });
      expect(res.status).toBe(2);
      expect(res.stderr).toMatch(/packages for \w+ only/);
    },
    NPM_TIMEOUT_MS,
  );
});

describe('outsideAsar: the unpacked folders of a packaged app', () => {
  it('maps a path inside resources/app.asar to app.asar.unpacked, and leaves any other path alone', () => {
    expect(outsideAsar('/opt/HA Lab/resources/app.asar/containers')).toBe('/opt/HA Lab/resources/app.asar.unpacked/containers');
    expect(outsideAsar('C:\\HA Lab\\resources\\app.asar\\labs')).toBe('C:\\HA Lab\\resources\\app.asar.unpacked\\labs');
    for (const path of ['/work/main/containers', '/x/app.asar.unpacked/labs', '/x/app.asarx/labs', '/x/myapp.asar/labs']) expect(outsideAsar(path), path).toBe(path);
  });
});

type HookModule = { default: unknown; restoreLinks: (fromDir: string, unpackedDir: string, folders?: string[]) => Promise<string[]> };
const hookModule = async (): Promise<HookModule> => (await import(pathToFileURL(join(root, 'scripts', 'packageAfterPack.mjs')).href)) as HookModule;

/** Symlinks under dir whose target resolves outside the project (electron-builder follows those and fails on a missing target). */
async function linksLeavingProject(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isSymbolicLink()) continue;
    const full = join(entry.parentPath, entry.name);
    if (relative(root, resolve(dirname(full), await readlink(full))).startsWith('..')) out.push(relative(root, full));
  }
  return out.sort();
}

describe('the afterPack hook module', () => {
  it('exports the function electron-builder calls', async () => {
    expect((await hookModule()).default).toBeTypeOf('function');
  });

  it("leaves out of build.files exactly the image's symlinks that leave the project, and puts them back unpacked", async () => {
    const { build } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { build: { files: string[] } };
    const leaving = [...(await linksLeavingProject(join(root, 'containers'))), ...(await linksLeavingProject(join(root, 'labs')))];
    expect(leaving.length).toBeGreaterThan(0);
    expect(
      build.files
        .filter((f) => f.startsWith('!containers/') || f.startsWith('!labs/'))
        .map((f) => f.slice(1))
        .sort(),
    ).toEqual(leaving.sort());

    const unpacked = makeTempDir('halab-unpacked-');
    // What electron-builder copied already stays as it is: a link it kept (relative, inside the project).
    await mkdir(join(unpacked, 'containers', 'rootfs', 'usr', 'local', 'bin'), { recursive: true });
    await symlink('mail', join(unpacked, 'containers', 'rootfs', 'usr', 'local', 'bin', 'mailx'));
    const made = await (await hookModule()).restoreLinks(root, unpacked);
    expect(made.sort()).toEqual(leaving);
    for (const link of leaving) expect(await readlink(join(unpacked, link)), link).toBe(await readlink(join(root, link)));
    expect(await (await hookModule()).restoreLinks(root, unpacked)).toEqual([]);
  });
});
