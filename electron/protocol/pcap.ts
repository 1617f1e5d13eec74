// The pcap stream `tcpdump -U -w -` writes inside a lab's network, read as it arrives: chunks may split the
// global header or a record anywhere. Only Ethernet captures are accepted: the decoder reads Ethernet frames.

/** One captured frame: its kernel timestamp and the bytes kept (at most the capture's snaplen). */
export interface PcapFrame {
  /** ms since the epoch, with fractions. */
  at: number;
  data: Buffer;
}

export interface PcapHeader {
  littleEndian: boolean;
  /** Timestamps carry nanoseconds (magic 0xa1b23c4d) rather than microseconds (0xa1b2c3d4). */
  nanoseconds: boolean;
  snaplen: number;
  linkType: number;
}

export class PcapFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PcapFormatError';
  }
}

const GLOBAL_HEADER_BYTES = 24;
const RECORD_HEADER_BYTES = 16;
const LINKTYPE_ETHERNET = 1;
/** libpcap's own ceiling for a snaplen: no honest record is larger, so a bigger claim is corruption. */
const MAX_SNAPLEN = 262_144;
const MAGIC_MICRO = 0xa1b2c3d4;
const MAGIC_NANO = 0xa1b23c4d;

/** Byte order and timestamp unit from the first 4 bytes; anything but a pcap magic throws. */
function readMagic(b: Buffer): Pick<PcapHeader, 'littleEndian' | 'nanoseconds'> {
  const big = b.readUInt32BE(0);
  const little = b.readUInt32LE(0);
  if (big === MAGIC_MICRO || big === MAGIC_NANO) return { littleEndian: false, nanoseconds: big === MAGIC_NANO };
  if (little === MAGIC_MICRO || little === MAGIC_NANO) return { littleEndian: true, nanoseconds: little === MAGIC_NANO };
  throw new PcapFormatError(`not a pcap stream: magic 0x${big.toString(16).padStart(8, '0')} is neither 0xa1b2c3d4 nor 0xa1b23c4d in either byte order`);
}

function parseGlobalHeader(b: Buffer): PcapHeader {
  const header = readMagic(b);
  const u32 = (at: number): number => (header.littleEndian ? b.readUInt32LE(at) : b.readUInt32BE(at));
  const linkType = u32(20) & 0x0fffffff; // the top bits may carry FCS information
  if (linkType !== LINKTYPE_ETHERNET) throw new PcapFormatError(`pcap link type ${linkType} is not Ethernet (1): capture on an Ethernet interface such as eth0`);
  return { ...header, snaplen: u32(16), linkType };
}

/**
 * Reads a pcap stream incrementally: push() each chunk as it arrives and get the frames it completes.
 * Holds at most one incomplete record (bounded by the snaplen, never above libpcap's 256 KiB) plus the
 * unread part of the last chunk. After a format error the reader stays failed.
 */
export class PcapReader {
  private chunks: Buffer[] = [];
  private queued = 0;
  private parsedHeader: PcapHeader | null = null;
  private failure: PcapFormatError | null = null;

  /** The global header, once its 24 bytes have arrived. */
  get header(): PcapHeader | null {
    return this.parsedHeader;
  }

  /** Bytes received but not yet returned as frames. */
  get bufferedBytes(): number {
    return this.queued;
  }

  push(chunk: Buffer): PcapFrame[] {
    if (this.failure) throw this.failure;
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.queued += chunk.length;
    }
    try {
      return this.drain();
    } catch (err) {
      if (err instanceof PcapFormatError) {
        this.failure = err;
        this.chunks = [];
        this.queued = 0;
      }
      throw err;
    }
  }

  private drain(): PcapFrame[] {
    const frames: PcapFrame[] = [];
    if (!this.parsedHeader) {
      // The magic alone tells a wrong stream: fail on it before the rest of the header arrives.
      const magic = this.peek(4);
      if (!magic) return frames;
      readMagic(magic);
      const head = this.peek(GLOBAL_HEADER_BYTES);
      if (!head) return frames;
      this.parsedHeader = parseGlobalHeader(head);
      this.skip(GLOBAL_HEADER_BYTES);
    }
    const h = this.parsedHeader;
    const limit = Math.min(Math.max(h.snaplen, 65_535), MAX_SNAPLEN);
    for (;;) {
      const rec = this.peek(RECORD_HEADER_BYTES);
      if (!rec) return frames;
      const u32 = (at: number): number => (h.littleEndian ? rec.readUInt32LE(at) : rec.readUInt32BE(at));
      const inclLen = u32(8);
      if (inclLen > limit) throw new PcapFormatError(`pcap record claims ${inclLen} bytes, more than the ${limit} a capture with snaplen ${h.snaplen} can hold`);
      const whole = this.peek(RECORD_HEADER_BYTES + inclLen);
      if (!whole) return frames;
      const sec = u32(0);
      const frac = u32(4);
      const at = sec * 1000 + (h.nanoseconds ? frac / 1e6 : frac / 1e3);
      // A copy: a frame must not pin the (possibly large) chunk it arrived in.
      frames.push({ at, data: Buffer.from(whole.subarray(RECORD_HEADER_BYTES)) });
      this.skip(RECORD_HEADER_BYTES + inclLen);
    }
  }

  /** The first n queued bytes as one buffer (joining chunks only when the first is too short), or undefined. */
  private peek(n: number): Buffer | undefined {
    if (this.queued < n) return undefined;
    let first = this.chunks[0];
    if (!first || first.length < n) {
      first = Buffer.concat(this.chunks);
      this.chunks = [first];
    }
    return first.subarray(0, n);
  }

  private skip(n: number): void {
    this.queued -= n;
    while (n > 0) {
      const first = this.chunks[0];
      if (!first) return;
      if (first.length > n) {
        this.chunks[0] = first.subarray(n);
        return;
      }
      n -= first.length;
      this.chunks.shift();
    }
  }
}

/**
 * The frames of a whole pcap file. A truncated last record (or header) is dropped silently: the file may
 * still be being written. A bad magic, a link type other than Ethernet or an oversized record throws PcapFormatError.
 */
export function readPcapFile(file: Buffer): PcapFrame[] {
  return new PcapReader().push(file);
}
