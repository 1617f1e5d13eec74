// `npm start`: with arguments, runs `halab <arguments>` (npm start -- up vrrp-pair). Without, opens the app:
// in Electron when its runtime is installed, otherwise in the browser through the local host (halab serve).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'electron', 'cli', 'halab.js');
const args = process.argv.slice(2);

if (!existsSync(cli)) {
  process.stderr.write('HA Lab is not built yet: run npm run build (or bash scripts/setup.sh) first.\n');
  process.exit(3);
}
if (args.length) process.exit(spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' }).status ?? 1);

/**
 * The Electron executable when its runtime is really there. Never `require('electron')`: without the
 * binary, that package tries to download it.
 */
function electronBinary() {
  try {
    const pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
      const bin = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
      return existsSync(bin) ? bin : undefined;
    }
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const bin = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

/** Runs a child to its end, passing Ctrl-C on to it, and exits with its code. */
function runToEnd(cmd, cmdArgs) {
  const child = spawn(cmd, cmdArgs, { stdio: 'inherit' });
  const forward = (signal) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
}

const electron = electronBinary();
if (electron) {
  runToEnd(electron, [root]);
} else {
  process.stderr.write('Electron is not available here (its runtime is not installed): HA Lab is served in your browser instead, at the URL below.\n');
  runToEnd(process.execPath, [cli, 'serve']);
}
