// Reads the one file of a tar stream, as Docker's archive API answers for a file path (`docker cp` out). It works
// on a stopped container too, which is why it is used: a node that lost power can no longer run a command.

const BLOCK = 512;

const octal = (header: Buffer, at: number, length: number): number =>
  parseInt(
    header
      .toString('ascii', at, at + length)
      .replace(/\0.*$/s, '')
      .trim() || '0',
    8,
  );

/**
 * The content of the first regular file in the stream, or undefined when there is none or it is larger than
 * `maxBytes` (decided from its header, before its content is read). Extended headers (pax, GNU long names) are
 * skipped. The stream is destroyed once the file is read, so the rest of the archive is never transferred.
 */
export async function firstFileOfTar(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer | undefined> {
  let buffered = Buffer.alloc(0);
  let want: { start: number; size: number } | undefined;
  let at = 0; // the next header's offset in `buffered`
  try {
    for await (const chunk of stream) {
      buffered = Buffer.concat([buffered, typeof chunk === 'string' ? Buffer.from(chunk) : chunk]);
      while (!want && buffered.length >= at + BLOCK) {
        const header = buffered.subarray(at, at + BLOCK);
        if (header.every((b) => b === 0)) return undefined; // the end of the archive: no file in it
        const size = octal(header, 124, 12);
        const type = String.fromCharCode(header[156] ?? 0);
        if (type === '0' || type === '\0') {
          if (size > maxBytes) return undefined;
          want = { start: at + BLOCK, size };
        } else {
          at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
          // A header that claims more than any file we accept is not worth reading past.
          if (at > maxBytes + 64 * BLOCK) return undefined;
        }
      }
      if (want && buffered.length >= want.start + want.size) return Buffer.from(buffered.subarray(want.start, want.start + want.size));
    }
    return undefined;
  } finally {
    (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
  }
}
