// Reading the file out of a tar stream, as Docker's archive API answers for a file of a (stopped) container.
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { makeTar } from '../../electron/docker/tar.js';
import { firstFileOfTar } from '../../electron/docker/tarRead.js';

/** The archive in chunks of `size` bytes, so a header or a file may be split across chunks. */
const chunked = (tar: Buffer, size: number): Readable => Readable.from(Array.from({ length: Math.ceil(tar.length / size) }, (_, i) => tar.subarray(i * size, (i + 1) * size)));

describe('the file of a tar stream', () => {
  const log = '[2026-12-06T12:02:00.530000] 2: eth0    inet 10.0.0.3/32 scope global eth0\n'.repeat(40);
  const tar = makeTar([{ path: '/var/log/halab/addr.log', content: log }]);

  it('is the first regular file, past folder entries, whatever the chunks', async () => {
    for (const size of [100, 512, 7, tar.length]) expect((await firstFileOfTar(chunked(tar, size), 1 << 20))?.toString('utf8')).toBe(log);
  });

  it('is not read when its header says it is over the limit, and an archive without a file gives nothing', async () => {
    expect(await firstFileOfTar(chunked(tar, 512), log.length - 1)).toBeUndefined();
    expect(await firstFileOfTar(chunked(Buffer.alloc(1024), 512), 1 << 20)).toBeUndefined();
  });

  it('skips an extended (pax) header', async () => {
    const pax = Buffer.alloc(1024);
    pax.write('PaxHeaders/addr.log', 0, 'utf8');
    const record = '30 mtime=1796558476.056193214\n';
    pax.write(record.length.toString(8).padStart(11, '0'), 124, 'ascii');
    pax.write('x', 156, 'ascii');
    pax.write(record, 512, 'utf8');
    expect((await firstFileOfTar(Readable.from([Buffer.concat([pax, tar])]), 1 << 20))?.toString('utf8')).toBe(log);
  });
});
