// The `protocol` check: grades what crossed the lab network, as the observer recorded it.
import type { LabNodes } from '../probes/labNodes.js';
import { readCapture } from '../protocol/captureRing.js';
import { judge, type ProtocolCheck } from '../protocol/eventMatch.js';
import { msg } from '../messages/catalogue.js';
import type { Evaluation } from './evaluate.js';

export async function evaluateProtocol(lab: LabNodes, c: ProtocolCheck): Promise<Evaluation> {
  const expected = msg('check.protocol.expected', {
    event: c.event,
    vrid: c.vrid,
    vip: c.vip,
    from: c.from,
    expectFrom: c.expect.from,
    priority: c.expect.priority,
    version: c.expect.version,
    auth: c.expect.auth,
    intervalMs: c.expect.interval_ms,
  });
  const reading = await readCapture(lab.observer?.()?.container, lab.nodes);
  if (!reading.ok) return { passed: false, expected, seen: msg('check.protocol.unreadable', { problem: reading.problem, detail: reading.detail }) };
  const verdict = judge(reading.events, c);
  const e = verdict.latest;
  if (!e) return { passed: false, expected, seen: msg('check.protocol.none', { event: c.event }) };
  const agoMs = Math.max(0, Date.now() - e.at);
  const seen =
    e.kind === 'advert'
      ? msg('check.protocol.seen', { count: verdict.count, sender: e.from, senderIp: e.src, agoMs, priority: e.priority, version: e.version, auth: e.auth, intervalMs: e.intervalMs })
      : msg('check.protocol.seen', { count: verdict.count, sender: e.from, senderIp: e.kind === 'arp' ? e.senderMac : e.src, agoMs });
  return { passed: verdict.passed, expected, seen };
}
