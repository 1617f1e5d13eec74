// A minimal ustar writer: enough to put a lab's small text files into a container with putArchive.
// Paths are absolute inside the container; parent folders are added as entries so modes are right.

export interface TarEntry {
  path: string;
  content: string | Buffer;
  mode?: number;
}

function header(name: string, size: number, mode: number, type: '0' | '5'): Buffer {
  const buf = Buffer.alloc(512, 0);
  let prefix = '';
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', 154);
    if (cut <= 0 || Buffer.byteLength(name.slice(cut + 1)) > 100) throw new Error(`path too long for a tar entry: ${name}`);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
  }
  buf.write(base, 0, 100, 'utf8');
  buf.write(mode.toString(8).padStart(7, '0') + '\0', 100, 8, 'ascii');
  buf.write('0000000\0', 108, 8, 'ascii'); // uid root
  buf.write('0000000\0', 116, 8, 'ascii'); // gid root
  buf.write(size.toString(8).padStart(11, '0') + '\0', 124, 12, 'ascii');
  buf.write(
    Math.floor(Date.now() / 1000)
      .toString(8)
      .padStart(11, '0') + '\0',
    136,
    12,
    'ascii',
  );
  buf.write('        ', 148, 8, 'ascii'); // checksum placeholder: spaces while summing
  buf.write(type, 156, 1, 'ascii');
  buf.write('ustar\0', 257, 6, 'ascii');
  buf.write('00', 263, 2, 'ascii');
  buf.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of buf) sum += byte;
  buf.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'ascii');
  return buf;
}

/** Builds a tar archive (relative to /) holding the given files and their parent folders. */
export function makeTar(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  const dirs = new Set<string>();
  for (const entry of entries) {
    const rel = entry.path.replace(/^\/+/, '');
    // Callers validate paths; this refuses anyway, so no archive leaves "/" whatever the extractor does with "..".
    if (rel.split('/').includes('..')) throw new Error(`refused a tar entry with a ".." part: ${entry.path}`);
    const segments = rel.split('/').slice(0, -1);
    for (let i = 1; i <= segments.length; i++) {
      const dir = segments.slice(0, i).join('/') + '/';
      if (!dirs.has(dir)) {
        dirs.add(dir);
        parts.push(header(dir, 0, 0o755, '5'));
      }
    }
    const body = typeof entry.content === 'string' ? Buffer.from(entry.content, 'utf8') : entry.content;
    parts.push(header(rel, body.length, entry.mode ?? 0o644, '0'), body);
    const pad = (512 - (body.length % 512)) % 512;
    if (pad) parts.push(Buffer.alloc(pad, 0));
  }
  parts.push(Buffer.alloc(1024, 0));
  return Buffer.concat(parts);
}
