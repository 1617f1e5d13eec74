// A folder pack's lab.yaml could be a FIFO (lint hung), a link to /dev/zero (615 MB read) or a
// link out of the pack (accepted); referenced files were checked at load but read later without a check. Every
// file of a pack is now opened without blocking, checked to be a regular file inside the pack and within its
// budget, at load and again at every read.
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { catalog, userPacksDir } from '../../electron/labs/catalog.js';
import { lintPack } from '../../electron/labs/lintPack.js';
import { loadPack } from '../../electron/labs/loadPack.js';
import { PackError } from '../../electron/util/errors.js';
import { MINIMAL_MANIFEST, writePack } from '../helpers/minimalPack.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const fifos: string[] = [];
function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
  fifos.push(path);
}
// A reader stuck on a FIFO (the bug) is released by a writer that opens and closes it.
afterEach(() => {
  for (const f of fifos.splice(0)) {
    try {
      closeSync(openSync(f, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // no reader left: nothing to release
    }
  }
});

/** The call's outcome within `ms`, or "hung". */
async function within<T>(ms: number, p: Promise<T>): Promise<T | 'hung'> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((res) => {
    timer = setTimeout(() => {
      res('hung');
    }, ms);
  });
  try {
    return await Promise.race([p.catch((e: unknown) => e as T), hung]);
  } finally {
    clearTimeout(timer);
  }
}

async function refusal(dir: string): Promise<string> {
  const err = await within(2000, loadPack(dir));
  expect(err).toBeInstanceOf(PackError);
  return (err as unknown as PackError).message;
}

describe('files of a folder pack', () => {
  it('refuses a lab.yaml that is a FIFO, a link to a device or a link out of the pack, without hanging', async () => {
    const fifo = await writePack();
    await rm(join(fifo, 'lab.yaml'));
    mkfifo(join(fifo, 'lab.yaml'));
    expect(await refusal(fifo)).toMatch(/lab\.yaml:1:1: "lab\.yaml" is not a file/);
    const lint = await within(2000, lintPack(fifo));
    expect(lint).toEqual([expect.objectContaining({ level: 'error', message: '"lab.yaml" is not a file' })]);

    const zero = await writePack();
    await rm(join(zero, 'lab.yaml'));
    await symlink('/dev/zero', join(zero, 'lab.yaml'));
    expect(await refusal(zero)).toMatch(/lab\.yaml:1:1: "lab\.yaml" resolves outside the pack/);

    const elsewhere = await writePack();
    const pack = await writePack();
    await rename(join(pack, 'lab.yaml'), join(pack, 'real.yaml'));
    await symlink(join(elsewhere, 'lab.yaml'), join(pack, 'lab.yaml'));
    expect(await refusal(pack)).toMatch(/"lab\.yaml" resolves outside the pack/);
    // A link that stays inside the pack is a file of the pack like any other.
    await rm(join(pack, 'lab.yaml'));
    await symlink('real.yaml', join(pack, 'lab.yaml'));
    await expect(loadPack(pack)).resolves.toBeDefined();
  });

  it('refuses a device node inside the pack', async () => {
    const dir = await writePack(MINIMAL_MANIFEST.replace('en: steps/en.md', 'en: steps/dev.md'));
    try {
      execFileSync('mknod', [join(dir, 'steps/dev.md'), 'c', '1', '5'], { stdio: 'ignore' });
    } catch {
      return; // not root: no device can be made here (the FIFO cases cover the same check)
    }
    expect(await refusal(dir)).toMatch(/"steps\/dev\.md" is not a file/);
  });

  it('checks a referenced file again when it is read, as it may have changed since the load', async () => {
    const outside = join(makeTempDir('halab-outside-'), 'secret.md');
    await writeFile(outside, 'SECRET-OUTSIDE');
    const dir = await writePack();
    const pack = await loadPack(dir);
    const en = join(dir, 'steps/en.md');

    await rm(en);
    await symlink(outside, en);
    await expect(pack.readText('steps/en.md')).rejects.toThrow(/"steps\/en\.md" resolves outside the pack/);

    await rm(en);
    mkfifo(en);
    const fifoRead = await within(2000, pack.readText('steps/en.md'));
    expect(fifoRead).toBeInstanceOf(PackError);
    expect((fifoRead as unknown as PackError).message).toMatch(/"steps\/en\.md" is not a file/);

    await rm(en);
    await writeFile(en, 'x'.repeat(300 * 1024));
    await expect(pack.readText('steps/en.md')).rejects.toThrow(/"steps\/en\.md" is larger than 256 KiB/);

    await rm(en);
    await expect(pack.readText('steps/en.md')).rejects.toThrow(/"steps\/en\.md" does not exist in the pack/);
    await expect(pack.readText('../outside.md')).rejects.toThrow(PackError);
  });

  it('lists the labs without hanging on a pack whose lab.yaml is a FIFO', async () => {
    process.env.HALAB_HOME = makeTempDir('halab-fifo-home-');
    await mkdir(join(userPacksDir(), 'stuck'), { recursive: true });
    mkfifo(join(userPacksDir(), 'stuck', 'lab.yaml'));
    const listed = await within(2000, catalog());
    expect(listed).not.toBe('hung');
    expect((listed as Awaited<ReturnType<typeof catalog>>).find((e) => e.id === 'stuck')).toMatchObject({ imported: true, title: 'stuck' });
  });
});
