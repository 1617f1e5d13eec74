import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTar } from '../../electron/docker/tar.js';
import { makeTempDir } from '../helpers/tempDirs.js';

describe('makeTar', () => {
  it('produces an archive GNU tar extracts with contents, modes and UTF-8 intact', async () => {
    const dir = makeTempDir('halab-tar-');
    const long = `/etc/${'deep/'.repeat(25)}file.conf`;
    const tar = makeTar([
      { path: '/etc/keepalived/keepalived.conf', content: 'vrrp_instance VI_1 {}\n# 主备\n' },
      { path: '/etc/keepalived/check.sh', content: '#!/bin/sh\nexit 0\n', mode: 0o755 },
      { path: long, content: 'x' },
    ]);
    await writeFile(join(dir, 'a.tar'), tar);
    execFileSync('tar', ['-xf', join(dir, 'a.tar'), '-C', dir]);
    expect(await readFile(join(dir, 'etc/keepalived/keepalived.conf'), 'utf8')).toBe('vrrp_instance VI_1 {}\n# 主备\n');
    expect((await stat(join(dir, 'etc/keepalived/check.sh'))).mode & 0o777).toBe(0o755);
    expect(await readFile(join(dir, long.slice(1)), 'utf8')).toBe('x');
  });
});
