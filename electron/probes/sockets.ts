// Listening TCP sockets of a node (`ss -lntH`).
import type { ContainerHandle } from '../runtime/containerRuntime.js';
import { probeIn } from '../runtime/execBatch.js';

export interface ListeningSocket {
  address: string;
  port: number;
}

export function parseSsListening(text: string): ListeningSocket[] {
  const out: ListeningSocket[] = [];
  for (const line of text.split('\n')) {
    const local = line.trim().split(/\s+/)[3];
    if (!local) continue;
    const cut = local.lastIndexOf(':');
    out.push({
      address: local
        .slice(0, cut)
        .replace(/^\[|\]$/g, '')
        .replace(/%.*$/, ''),
      port: Number(local.slice(cut + 1)),
    });
  }
  return out;
}

export async function readListening(container: ContainerHandle): Promise<ListeningSocket[]> {
  const res = await probeIn(container, ['ss', '-lntH'], { timeoutMs: 3000 });
  return parseSsListening(res.stdout);
}
