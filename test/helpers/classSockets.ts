// A class's access on a real browser host (127.0.0.1, stand-in handlers, no Docker): a class file with
// learners, and API sockets opened as a page opens them, recording the events they receive and how they
// closed. For the tests of who may keep a page open, and how many.
import { join } from 'node:path';
import WebSocket from 'ws';
import type { Handlers } from '../../electron/api/handlerTypes.js';
import { broadcastTo } from '../../electron/api/dispatch.js';
import { classHostAccess, MAX_SOCKETS_PER_PERSON } from '../../electron/classroom/classAccess.js';
import { ClassStore } from '../../electron/classroom/classStore.js';
import { rosterOfCount } from '../../electron/classroom/roster.js';
import { INSTRUCTOR } from '../../electron/classroom/types.js';
import { startHost, type Host } from '../../electron/host/startHost.js';
import { makeTempDir } from './tempDirs.js';

export interface PageSocket {
  ws: WebSocket;
  events: { event: string; payload: unknown }[];
  /** Resolves with the close code and reason, whoever closed. */
  closed: Promise<{ code: number; reason: string }>;
  /** Calls a method and resolves with its result (rejects with the error code). */
  call(method: string, input?: unknown): Promise<unknown>;
}

/** Handlers enough to tell a working socket: who am I, and a message to everyone of my scope. */
const HANDLERS: Handlers = {
  'session.info': (_input, ctx) => Promise.resolve({ role: ctx.role }),
  'class.message': (input, ctx) => {
    const view = { seq: 1, text: input.text, at: new Date().toISOString() };
    broadcastTo(ctx.scope, 'class.message', view);
    return Promise.resolve(view);
  },
};

export class ClassSocketsFixture {
  readonly file = join(makeTempDir('halab-class-sockets-'), 'class.db');
  readonly store = ClassStore.open(this.file, { create: true });
  host!: Host;
  readonly tokens = new Map<string, string>();
  private readonly sockets: WebSocket[] = [];

  async start(options: { pollMs?: number; learners?: number } = {}): Promise<this> {
    this.store.setClass({ name: 'sockets', labs: ['vrrp-pair'] });
    this.store.addLearners(rosterOfCount(options.learners ?? 2));
    for (const l of this.store.learners()) this.tokens.set(l.id, this.store.issueToken(l.id));
    this.tokens.set(INSTRUCTOR, this.store.issueToken(INSTRUCTOR));
    this.host = await startHost({
      port: 0,
      rendererDir: '/nonexistent',
      handlers: HANDLERS,
      access: { access: classHostAccess(this.store, options.pollMs), ownerToken: this.tokens.get(INSTRUCTOR) ?? '' },
      maxSocketsPerPerson: MAX_SOCKETS_PER_PERSON,
      maxSessions: 64,
      dockerPing: false,
      log: () => undefined,
    });
    return this;
  }

  token(who: string): string {
    const t = this.tokens.get(who);
    if (!t) throw new Error(`no token for ${who}`);
    return t;
  }

  /** Opens an API socket with the token as a page does (cookie-less: the token in the URL). */
  open(token: string): Promise<PageSocket> {
    const ws = new WebSocket(`${this.host.origin.replace(/^http/, 'ws')}/api?token=${token}`, { origin: this.host.origin });
    this.sockets.push(ws);
    const events: PageSocket['events'] = [];
    const replies = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
    let next = 1;
    ws.on('message', (data: Buffer) => {
      const msg = JSON.parse(data.toString('utf8')) as { id?: number; event?: string; payload?: unknown; result?: unknown; error?: { code: string } };
      if (msg.event) events.push({ event: msg.event, payload: msg.payload });
      const r = replies.get(msg.id ?? -1);
      if (!r) return;
      replies.delete(msg.id ?? -1);
      if (msg.error) r.reject(new Error(msg.error.code));
      else r.resolve(msg.result);
    });
    const closed = new Promise<{ code: number; reason: string }>((resolve) => {
      ws.once('close', (code, reason) => {
        for (const r of replies.values()) r.reject(new Error(`closed ${code}`));
        resolve({ code, reason: reason.toString('utf8') });
      });
    });
    const call = (method: string, input: unknown = {}): Promise<unknown> =>
      new Promise((resolve, reject) => {
        const id = next++;
        replies.set(id, { resolve, reject });
        ws.send(JSON.stringify({ id, method, input }));
      });
    return new Promise((resolve, reject) => {
      ws.once('open', () => {
        resolve({ ws, events, closed, call });
      });
      ws.once('error', reject);
    });
  }

  async close(): Promise<void> {
    for (const ws of this.sockets.splice(0)) ws.terminate();
    await this.host.close();
    this.store.close();
  }
}
