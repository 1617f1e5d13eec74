// halab protocol <lab> [--follow]: what crossed the lab network, as the app's Protocol tab shows it, one
// line per stream of identical packets.
import type { StreamRow } from '../../common/protocol/streamRows.js';
import { followProtocol, protocolRows } from '../core/protocolView.js';
import { AUTH } from '../messages/en.js';
import type { Cli } from './context.js';
import { dim, table, yellow } from './format.js';

const clock = (at: number): string => new Date(at).toISOString().slice(11, 23);

function describe(r: StreamRow, cli: Cli): string {
  const e = r.event;
  if (e.kind === 'advert')
    return cli.t('cli.protocol.advert', { vrid: e.vrid, priority: e.priority, version: e.version, auth: AUTH[e.auth ?? 'null'], intervalMs: e.intervalMs, vips: e.vips.join(' ') });
  if (e.kind === 'arp') {
    if (e.gratuitous) return cli.t('cli.protocol.garp', { ip: e.senderIp, mac: e.senderMac });
    return e.op === 'request' ? cli.t('cli.protocol.arpRequest', { target: e.targetIp, sender: e.senderIp }) : cli.t('cli.protocol.arpReply', { ip: e.senderIp, mac: e.senderMac });
  }
  return cli.t('cli.protocol.probe', { proto: e.proto, what: e.what, src: e.src, dst: e.port !== undefined ? `${e.dst}:${e.port}` : e.dst });
}

function line(r: StreamRow, cli: Cli): string[] {
  const sender = r.from ?? (r.event.kind === 'arp' ? r.event.senderMac : r.event.src);
  const text = describe(r, cli);
  return [
    dim(clock(r.firstAt)),
    sender,
    r.event.kind === 'advert' && r.event.priority === 0 ? yellow(text) : text,
    cli.t('cli.protocol.repeats', { count: r.count, everyMs: r.everyMs }),
    r.changed.length ? yellow(cli.t('cli.protocol.changed', { fields: r.changed })) : '',
  ];
}

export async function cmdProtocol(cli: Cli, instance: string): Promise<number> {
  if (!cli.opts.follow) {
    const { feed, rows } = await protocolRows(instance);
    cli.emit({ lab: feed.lab, observer: feed.observer, rows }, () => {
      if (feed.observer) cli.progress(cli.t('cli.protocol.observer', { node: feed.observer }));
      cli.out(rows.length ? table(rows.map((r) => line(r, cli))) : cli.t('cli.protocol.none'));
    });
    return 0;
  }
  // Followed: a row is printed when it opens and again, with its new count, each time it grows.
  const stop = await followProtocol(instance, (rows) => {
    for (const r of rows) cli.out(cli.opts.json ? JSON.stringify(r) : line(r, cli).filter(Boolean).join('  '));
  });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  stop();
  return 0;
}
