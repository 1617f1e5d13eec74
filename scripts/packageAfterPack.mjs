// electron-builder's afterPack hook (package.json build.afterPack), run on every packaged app before it is
// signed. It runs under `npx electron-builder` too, so no way of packaging skips it:
// 1. puts back the image's symlinks that electron-builder cannot copy (below);
// 2. flips the Electron fuses to WANTED_FUSES (electron/shell/fuses.ts) with @electron/fuses, reads them back
//    from the packaged binary, and fails the packaging on any difference.
import { lstat, mkdir, readdir, readlink, symlink } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectDir = fileURLToPath(new URL('..', import.meta.url));
/** The folders unpacked beside app.asar (build.asarUnpack): other programs read them (docker build, bash). */
const UNPACKED_FOLDERS = ['containers', 'labs'];

/**
 * containers/rootfs/ holds symlinks to paths inside the lab image (/usr/bin/vim.tiny, ...). electron-builder
 * follows a link that leaves the project and fails when its target is absent, so package.json build.files
 * leaves them out and this puts each one back, with its target unchanged, in the unpacked copy.
 * Returns the links it made, relative to the project.
 */
export async function restoreLinks(fromDir, unpackedDir, folders = UNPACKED_FOLDERS) {
  const made = [];
  const walk = async (dir) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const source = join(dir, entry.name);
      if (entry.isDirectory()) await walk(source);
      if (!entry.isSymbolicLink()) continue;
      const rel = relative(fromDir, source);
      const packaged = join(unpackedDir, rel);
      if (await lstat(packaged).catch(() => undefined)) continue;
      await mkdir(dirname(packaged), { recursive: true });
      await symlink(await readlink(source), packaged);
      made.push(rel);
    }
  };
  for (const folder of folders) await walk(join(fromDir, folder));
  return made;
}

/** @param {import('app-builder-lib').AfterPackContext} context */
export default async function afterPack(context) {
  // Loaded here, not at the top: they take a second, and restoreLinks (tested on its own) needs none of them.
  const { flipFuses, getCurrentFuseWire } = await import('@electron/fuses');
  const { Arch } = await import('electron-builder');
  const { tsImport } = await import('tsx/esm/api');
  const { applyAndVerifyFuses, packagedExecutable } = await tsImport('../electron/shell/fuses.ts', import.meta.url);
  const { appOutDir, electronPlatformName, arch, packager } = context;
  const links = await restoreLinks(projectDir, join(packager.getResourcesDir(appOutDir), 'app.asar.unpacked'));
  process.stdout.write(`  • symlinks put back in app.asar.unpacked: ${links.join(', ') || 'none'}\n`);

  const executable = packagedExecutable({
    appOutDir,
    electronPlatformName,
    executableName: packager.executableName ?? packager.appInfo.productFilename,
    productFilename: packager.appInfo.productFilename,
  });
  // An arm64 macOS binary carries an ad-hoc signature that flipping a byte breaks; @electron/fuses re-signs it.
  const resetAdHocDarwinSignature = electronPlatformName === 'darwin' && arch === Arch.arm64;
  const reading = await applyAndVerifyFuses(executable, { flipFuses, getCurrentFuseWire }, { resetAdHocDarwinSignature });
  const wire = Object.keys(reading)
    .filter((key) => key !== 'version')
    .map((key) => String.fromCharCode(Number(reading[key])))
    .join('');
  process.stdout.write(`  • fuses flipped and read back from ${executable}: wire ${wire}\n`);
}
