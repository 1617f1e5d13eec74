// `npm run package`: the desktop app for this machine's platform, packaged by electron-builder into release/
// (configuration: package.json "build"). Its afterPack hook (scripts/packageAfterPack.mjs) flips the Electron
// fuses and reads them back from the packaged binary; any difference fails the packaging.
// Arguments go to electron-builder: `npm run package -- --dir` leaves only the unpacked app (no installer tools).
//
// Electron's runtime is taken from this machine, never downloaded here: node_modules/electron/dist (installed
// by `npx install-electron`) or ELECTRON_OVERRIDE_DIST_PATH, the same runtime `npm start` uses. Without one,
// this says so and stops before building anything.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
// A whole packaging (build, copy, asar, installers) takes a few minutes; past half an hour something hangs.
const PACKAGING_TIMEOUT_MS = 30 * 60_000;
const EXIT_NOT_AVAILABLE = 3;
const PLATFORM_FLAGS = { linux: ['--linux', '-l'], darwin: ['--mac', '-m', '--macos'], win32: ['--win', '-w', '--windows'] };

const fail = (message, code = 1) => {
  process.stderr.write(`npm run package: ${message}\n`);
  process.exit(code);
};

/** The unpacked Electron runtime of the version package.json asks for, or the reason there is none. */
function electronRuntime() {
  const pkgDir = dirname(require.resolve('electron/package.json'));
  const wanted = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(pkgDir, 'dist');
  const versionFile = join(dist, 'version');
  if (!existsSync(versionFile)) return { error: `Electron's runtime is not installed (no ${versionFile}).` };
  const found = readFileSync(versionFile, 'utf8').trim().replace(/^v/, '');
  if (found !== wanted) return { error: `the Electron runtime in ${dist} is ${found}; package.json asks for ${wanted}.` };
  return { dist, version: wanted };
}

const args = process.argv.slice(2);
const foreign = Object.entries(PLATFORM_FLAGS).find(([platform, flags]) => platform !== process.platform && args.some((a) => flags.includes(a)));
if (foreign) fail(`this packages for ${process.platform} only (the Electron runtime on this machine is ${process.platform}'s); run it on ${foreign[0]} for ${foreign[1][0]}.`, 2);

const runtime = electronRuntime();
if (runtime.error) {
  fail(
    `${runtime.error}\n` +
      'Packaging needs the Electron runtime for this platform, taken from this machine. Install it with `npx install-electron`\n' +
      '(it downloads Electron from GitHub), or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron of that version, then run npm run package again.',
    EXIT_NOT_AVAILABLE,
  );
}

const run = (cmd, cmdArgs) => {
  const res = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', timeout: PACKAGING_TIMEOUT_MS });
  if (res.error) fail(`${cmd} ${cmdArgs.join(' ')}: ${res.error.message}`);
  return res.status ?? 1;
};

if (run('npm', ['run', 'build', '--silent']) !== 0) fail('the build failed: nothing to package.');
const builderCli = join(dirname(require.resolve('electron-builder/package.json')), 'cli.js');
const status = run(process.execPath, [builderCli, `-c.electronDist=${runtime.dist}`, `-c.electronVersion=${runtime.version}`, ...args]);
if (status !== 0) fail('electron-builder failed (see above); nothing in release/ is a verified package.', status);
process.stdout.write(`Packaged in ${join(root, 'release')}; every fuse was read back from the packaged binary.\n`);
