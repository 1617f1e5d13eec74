import { describe, expect, it } from 'vitest';
import { clientGap, parsePing, parseTcpdumpTimes, sinceLastAdvertMs } from '../bench/gap.js';

/** Made-up `ping -D -n -i 0.01` output: one line per answered probe, sent every 10 ms from t=1000 s. */
function pingOutput(answers: { seq: number; rttMs: number }[], transmitted: number | null): string {
  const lines = ['PING 10.0.0.3 (10.0.0.3) 56(84) bytes of data.'];
  for (const a of answers) {
    const arrival = 1000 + (a.seq - 1) * 0.01 + a.rttMs / 1000;
    lines.push(`[${arrival.toFixed(6)}] 64 bytes from 10.0.0.3: icmp_seq=${a.seq} ttl=64 time=${a.rttMs} ms`);
  }
  if (transmitted !== null) {
    lines.push('', '--- 10.0.0.3 ping statistics ---', `${transmitted} packets transmitted, ${answers.length} received, 0% packet loss, time 1000ms`);
  }
  return `${lines.join('\n')}\n`;
}
const seqs = (from: number, to: number, rttMs = 0.05): { seq: number; rttMs: number }[] => Array.from({ length: to - from + 1 }, (_, i) => ({ seq: from + i, rttMs }));

describe('client-side failover gap', () => {
  it('parses sequence numbers, arrival stamps, round trips and the transmitted count', () => {
    const p = parsePing(
      pingOutput(
        [
          { seq: 1, rttMs: 0.041 },
          { seq: 3, rttMs: 605 },
        ],
        4,
      ),
    );
    expect(p.transmitted).toBe(4);
    expect(p.replies).toEqual([
      { seq: 1, arrivalS: 1000.000041, rttMs: 0.041 },
      { seq: 3, arrivalS: 1000.625, rttMs: 605 },
    ]);
  });

  it('is 0 when nothing was lost', () => {
    const g = clientGap(parsePing(pingOutput(seqs(1, 100), 100)));
    expect([g.gapMs, g.lost, g.open]).toEqual([0, 0, null]);
  });

  it('does not count a pause in sending as an outage: every probe sent was answered', () => {
    const stalled = seqs(1, 100).map((a) => ({ ...a, seq: a.seq }));
    const out = pingOutput(stalled, 100).replace(
      /^\[(\d+\.\d+)\](.*icmp_seq=(\d+) )/gm,
      (_m, t: string, rest: string, seq: string) => `[${(Number(t) + (Number(seq) > 50 ? 0.4 : 0)).toFixed(6)}]${rest}`,
    );
    expect(clientGap(parsePing(out)).gapMs).toBe(0);
  });

  it('forgives the last probes cut off by the deadline, not a longer silence at the end', () => {
    expect(clientGap(parsePing(pingOutput(seqs(1, 98), 100))).open).toBeNull();
    expect(clientGap(parsePing(pingOutput(seqs(1, 97), 100))).open).toBe('end');
  });

  it('spans the send times around a run of lost probes', () => {
    // Probes 51..110 lost: the last answer before was sent at seq 50, the first after at seq 111.
    const g = clientGap(parsePing(pingOutput([...seqs(1, 50), ...seqs(111, 200)], 200)));
    expect(g.gapMs).toBeCloseTo(610, 3);
    expect([g.fromSeq, g.toSeq, g.lost, g.open]).toEqual([50, 111, 60, null]);
  });

  it('counts late replies as unanswered, though their arrival times leave no silence', () => {
    // A forwarding master queued probes 51..110 and delivered them once the backup took the VIP: every
    // reply arrives when the takeover came, so every sequence number is answered. Probes sent within
    // 100 ms of the takeover (101..110) were answered in time; the others waited too long.
    const queued = seqs(51, 110).map(({ seq }) => ({ seq, rttMs: 600 - (seq - 51) * 10 }));
    const p = parsePing(pingOutput([...seqs(1, 50), ...queued, ...seqs(111, 200)], 200));
    expect(p.replies.map((r) => r.seq)).toEqual(seqs(1, 200).map((a) => a.seq));
    const g = clientGap(p);
    expect(g.gapMs).toBeCloseTo(510, 3);
    expect([g.fromSeq, g.toSeq]).toEqual([50, 101]);
    expect(g.late).toBe(50);
    expect(g.answered).toBe(150);
  });

  it('uses the late bound given', () => {
    const out = pingOutput([...seqs(1, 10), { seq: 11, rttMs: 50 }, ...seqs(12, 20)], 20);
    expect(clientGap(parsePing(out), { lateMs: 100 }).gapMs).toBe(0);
    expect(clientGap(parsePing(out), { lateMs: 20 }).gapMs).toBeCloseTo(20, 3);
  });

  it('ignores duplicate replies', () => {
    const out = pingOutput([...seqs(1, 10), { seq: 10, rttMs: 80 }, ...seqs(11, 20)], 20);
    expect(clientGap(parsePing(out)).gapMs).toBe(0);
  });

  it('marks a silence that runs to the end of the probe as open', () => {
    const g = clientGap(parsePing(pingOutput(seqs(1, 50), 200)));
    expect(g.open).toBe('end');
    expect(g.gapMs).toBeCloseTo(1510, 3);
  });

  it('marks a silence at the start as open, and an empty probe as open over the whole window', () => {
    const g = clientGap(parsePing(pingOutput(seqs(31, 60), 60)));
    expect([g.open, g.toSeq]).toEqual(['start', 31]);
    expect(g.gapMs).toBeCloseTo(310, 3);
    const none = clientGap(parsePing(pingOutput([], 100)), { intervalMs: 10 });
    expect([none.open, none.answered]).toEqual(['start', 0]);
    expect(none.gapMs).toBeCloseTo(1000, 3);
  });

  it('measures the interval ping really kept on a busy machine rather than the nominal one', () => {
    // Sent every 21 ms instead of 10; probes 1..9 unanswered (an open start), no summary line.
    const lines = seqs(10, 80).map(({ seq }) => `[${(2000 + seq * 0.021).toFixed(6)}] 64 bytes from 10.0.0.3: icmp_seq=${seq} ttl=64 time=0.05 ms`);
    const p = parsePing(lines.join('\n'));
    expect(p.transmitted).toBeNull();
    const g = clientGap(p);
    expect([g.open, g.lost]).toEqual(['start', 9]);
    expect(g.gapMs).toBeCloseTo(210, 3);
  });

  it("counts a crash from the master's last advert the client heard to its first answered probe", () => {
    // Probes 51..110 lost: the outage ends with probe 111, sent at 1001.10 s.
    const g = clientGap(parsePing(pingOutput([...seqs(1, 50), ...seqs(111, 200)], 200)));
    const adverts = parseTcpdumpTimes(
      [
        '1000.120001 IP 10.0.0.5 > 224.0.0.18: VRRPv2, Advertisement, vrid 50, prio 150, authtype simple, intvl 1s, length 20',
        '1000.450000 IP 10.0.0.5 > 224.0.0.18: VRRPv2, Advertisement, vrid 50, prio 150, authtype simple, intvl 1s, length 20',
        '2 packets captured',
      ].join('\n'),
    );
    expect(adverts).toEqual([1000.120001, 1000.45]);
    expect(sinceLastAdvertMs(g, adverts)).toBeCloseTo(650, 3);
    expect(sinceLastAdvertMs(g, [])).toBeNull();
    expect(sinceLastAdvertMs(clientGap(parsePing(pingOutput(seqs(1, 50), 200))), adverts)).toBeNull();
  });
});
