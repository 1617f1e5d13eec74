// The absolute-path check let a leading "/.." through (its lookahead started after the first
// "/"), so a pack could name /../etc/cron.d/x and makeTar emitted "../" entries. Pack schema, API contract and
// the tar writer all refuse a ".." part now.
import { describe, expect, it } from 'vitest';
import { methods } from '../../common/contract.js';
import { makeTar } from '../../electron/docker/tar.js';
import { loadPack } from '../../electron/labs/loadPack.js';
import { PackError } from '../../electron/util/errors.js';
import { MINIMAL_MANIFEST, writePack } from '../helpers/minimalPack.js';

const ESCAPING = ['/..', '/../etc/passwd', '/../etc/cron.d/x', '/../lb02/x', '/a/..', '/a/../b', '/a/b/../../..'];
const FINE = ['/etc/keepalived/keepalived.conf', '/a/..b', '/a/b..', '/..a/b', '/.hidden', '/a/./b'];

describe('absolute paths', () => {
  it('the pack schema refuses every ".." part of a node file path, located', async () => {
    for (const path of ESCAPING) {
      const manifest = MINIMAL_MANIFEST.replace('- path: /etc/keepalived/keepalived.conf', `- path: "${path}"`);
      const err = await loadPack(await writePack(manifest)).catch((e: unknown) => e);
      expect(err, path).toBeInstanceOf(PackError);
      expect(
        (err as PackError).problems.map((p) => `${p.line}: ${p.message}`),
        path,
      ).toEqual(['12: topology.nodes.0.files.0.path: an absolute path inside the node, without ".."']);
    }
    for (const path of FINE) {
      const manifest = MINIMAL_MANIFEST.replace('- path: /etc/keepalived/keepalived.conf', `- path: "${path}"`);
      await expect(loadPack(await writePack(manifest)), path).resolves.toBeDefined();
    }
  });

  it('the API contract refuses them for files.read, files.write and files.validate', () => {
    for (const method of ['files.read', 'files.validate'] as const) {
      for (const path of ESCAPING) expect(methods[method].safeParse({ lab: 'l', node: 'n', path }).success, `${method} ${path}`).toBe(false);
      for (const path of FINE) expect(methods[method].safeParse({ lab: 'l', node: 'n', path }).success, `${method} ${path}`).toBe(true);
    }
    for (const path of ESCAPING) expect(methods['files.write'].safeParse({ lab: 'l', node: 'n', path, content: '' }).success, path).toBe(false);
  });

  it('makeTar refuses to write an entry with a ".." part', () => {
    for (const path of ESCAPING) expect(() => makeTar([{ path, content: 'x' }]), path).toThrow(/\.\./);
    expect(makeTar([{ path: '/etc/x', content: 'x' }]).length).toBeGreaterThan(1024);
  });
});
