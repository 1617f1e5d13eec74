// The browser host's limits per connection and per host, on a real host on 127.0.0.1 with
// stand-in handlers: calls past the gate get E_BUSY at once, a client that reads nothing stops being read
// (no more of its calls start) and is then dropped, and connections past MAX_SESSIONS are refused.
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { Handlers } from '../../electron/api/handlerTypes.js';
import { MAX_CALLS_IN_FLIGHT, MAX_CALLS_QUEUED } from '../../electron/host/callGate.js';
import { MAX_SESSIONS, startHost, type Host } from '../../electron/host/startHost.js';

const hosts: Host[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  for (const h of hosts.splice(0)) await h.close();
});

async function host(handlers: Handlers, logLines: string[] = [], socketLimits?: Parameters<typeof startHost>[0]['socketLimits']): Promise<Host> {
  const h = await startHost({ port: 0, rendererDir: '/nonexistent', handlers, log: (l) => logLines.push(l), dockerPing: false, ...(socketLimits ? { socketLimits } : {}) });
  hosts.push(h);
  return h;
}

function open(h: Host): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${h.port}/api?token=${h.token}`, { origin: h.origin });
    sockets.push(ws);
    ws.once('open', () => {
      resolve(ws);
    });
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    ws.once('error', (err) => {
      if (!/Unexpected server response/.test(err.message)) reject(err);
    });
  });
}

async function openOk(h: Host): Promise<WebSocket> {
  const ws = await open(h);
  if (typeof ws === 'number') throw new Error(`refused with ${ws}`);
  return ws;
}

describe('limits of the browser host', () => {
  it(`runs ${MAX_CALLS_IN_FLIGHT} calls of one socket at once, queues ${MAX_CALLS_QUEUED}, and answers the rest E_BUSY at once`, async () => {
    let started = 0;
    const release: (() => void)[] = [];
    const h = await host({
      'labs.list': () => {
        started += 1;
        return new Promise((resolve) => {
          release.push(() => {
            resolve([]);
          });
        });
      },
    });
    const ws = await openOk(h);
    const replies = new Map<number, { result?: unknown; error?: { code: string } }>();
    ws.on('message', (data: Buffer) => {
      const m = JSON.parse(data.toString('utf8')) as { id: number; result?: unknown; error?: { code: string } };
      replies.set(m.id, m);
    });
    const total = MAX_CALLS_IN_FLIGHT + MAX_CALLS_QUEUED + 30;
    for (let id = 1; id <= total; id++) ws.send(JSON.stringify({ id, method: 'labs.list', input: {} }));
    await vi.waitFor(() => {
      expect(replies.size).toBe(30);
    });
    expect([...replies.values()].every((r) => r.error?.code === 'E_BUSY')).toBe(true);
    expect(Math.min(...replies.keys())).toBe(MAX_CALLS_IN_FLIGHT + MAX_CALLS_QUEUED + 1);
    expect(started).toBe(MAX_CALLS_IN_FLIGHT);
    // The waiting calls run as slots free up, and all of them answer.
    while (replies.size < total) {
      for (const r of release.splice(0)) r();
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(started).toBe(MAX_CALLS_IN_FLIGHT + MAX_CALLS_QUEUED);
    expect([...replies.values()].filter((r) => r.result !== undefined)).toHaveLength(MAX_CALLS_IN_FLIGHT + MAX_CALLS_QUEUED);
  });

  it('stops starting the calls of a client that reads nothing, then drops it', async () => {
    let started = 0;
    const big = ['x'.repeat(1024 * 1024)];
    const log: string[] = [];
    const h = await host(
      {
        'labs.list': () => {
          started += 1;
          return Promise.resolve(big as never);
        },
      },
      log,
      { pauseReadingAt: 2 * 1024 * 1024, resumeReadingAt: 512 * 1024, maxQueuedReplyBytes: 64 * 1024 * 1024, stalledClientMs: 1_000 },
    );
    const deaf = await openOk(h);
    deaf.pause();
    for (let id = 1; id <= 200; id++) deaf.send(JSON.stringify({ id, method: 'labs.list', input: {} }));
    await vi.waitFor(
      () => {
        expect(log.join('\n')).toMatch(/dropping an API connection: the client read nothing for 1000 ms/);
      },
      { timeout: 10_000 },
    );
    // Far fewer than the calls the gate admitted: once replies piled up, the waiting ones never started.
    expect(started).toBeLessThan(MAX_CALLS_IN_FLIGHT + MAX_CALLS_QUEUED);
    process.stdout.write(`[limits] a deaf client's calls started before the host stopped reading it: ${started} of 200 sent\n`);
    // The host still serves others.
    const other = await openOk(h);
    const answer = new Promise<unknown>((resolve) => {
      other.once('message', (d: Buffer) => {
        resolve(JSON.parse(d.toString('utf8')));
      });
    });
    other.send(JSON.stringify({ id: 1, method: 'labs.list', input: {} }));
    expect(await answer).toMatchObject({ id: 1, result: big });
  });

  it(`refuses API connections past ${MAX_SESSIONS} (503) and takes one again when another closes`, async () => {
    const h = await host({});
    const open16: WebSocket[] = [];
    for (let i = 0; i < MAX_SESSIONS; i++) open16.push(await openOk(h));
    expect(await open(h)).toBe(503);
    const closed = new Promise((r) => open16[0]?.once('close', r));
    open16[0]?.close();
    await closed;
    await vi.waitFor(async () => {
      expect(await open(h)).toBeInstanceOf(WebSocket);
    });
  });
});
