// Where and how the observer records the lab's traffic: shared by its container spec, the ring reader and
// the live stream, so all three capture exactly the same packets.

export const RING_DIR = '/var/lib/halab-capture';
/** tcpdump -C (millions of bytes) and -W: at about 80 bytes a packet, 3 files hold hours of 1 s adverts. */
export const RING_FILE_MB = 1;
export const RING_FILES = 3;
/** Enough for every header the view decodes; payloads are never kept. */
export const CAPTURE_SNAPLEN = 256;
/** VRRP, ARP, ICMP, and TCP segments that open, refuse or close a connection (the client's probes). */
export const CAPTURE_FILTER = 'vrrp or arp or icmp or (tcp and tcp[tcpflags] & (tcp-syn|tcp-rst|tcp-fin) != 0)';

/**
 * Packets handed to tcpdump as they arrive: without it the kernel's capture buffer delivers them in blocks
 * (measured here: up to a second late), which -U alone does not change.
 */
export const IMMEDIATE = '--immediate-mode';

/** The live stream: the same capture written to stdout as it happens. */
export const LIVE_CAPTURE_ARGV = ['tcpdump', '-i', 'eth0', '-p', '-n', IMMEDIATE, '-U', '-s', String(CAPTURE_SNAPLEN), '-w', '-', CAPTURE_FILTER];

/**
 * Prints every ring file, oldest first, as one base64 line each (the exec transport carries text). A file
 * tcpdump is writing may end in a partial record; the reader drops it.
 */
export const RING_DUMP_ARGV = ['bash', '-c', `cd ${RING_DIR} 2>/dev/null || exit 3; for f in $(ls -tr ring* 2>/dev/null); do base64 -w0 "$f"; echo; done`];
