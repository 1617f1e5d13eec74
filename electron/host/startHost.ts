// The browser host: the built renderer over HTTP and the API over a WebSocket at /api, behind tokens. On
// 127.0.0.1 with one random token for `halab serve`; a classroom passes its own access (a token per
// person) and may listen on another address, then only over TLS. Keeps serving when Docker goes away,
// and tells every page when it does and when it is back.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { createDispatcher, type Log } from '../api/dispatch.js';
import { startAppServices } from '../api/appStart.js';
import type { Handlers } from '../api/handlerTypes.js';
import { topologyHub } from '../topology/liveTopology.js';
import { protocolHub } from '../topology/liveProtocol.js';
import { UserError, errorMessage } from '../util/errors.js';
import type { Lang } from '../../common/contract.js';
import { langOfAcceptLanguage } from './acceptLanguage.js';
import { createLaunchCodes, credential, deadCredential, newToken, setCookieHeader, singleTokenAccess, type HostAccess } from './auth.js';
import { endSocket } from './endSocket.js';
import { PersonSockets } from './personSockets.js';
import { hasDotSegments, lookupStatic, readStatic, rendererDir, SECURITY_HEADERS } from './staticFiles.js';
import { serveApiSocket, type SocketLimits } from './wsApi.js';

export const MAX_FRAME_BYTES = 2 * 1024 * 1024;
/**
 * API connections at once. A learner has a tab or two (each reconnects after a drop); every session holds
 * watches and terminals, so sessions past this are refused (503) rather than let grow without bound.
 */
export const MAX_SESSIONS = 16;

export interface HostOptions {
  /** 0 picks a free port. */
  port: number;
  /** 127.0.0.1 by default; any other address needs `tls`. */
  host?: string;
  /** The name or address browsers use to reach the host (its links, and the Host and Origin it accepts); default `host`. */
  urlHost?: string;
  /** Certificate and key (PEM): the host then speaks HTTPS and WSS only. */
  tls?: { cert: string; key: string };
  /** Who may sign in, and as whom; by default one random token for this machine's user. */
  access?: { access: HostAccess; ownerToken: string };
  /** API connections at once (default MAX_SESSIONS, a single learner's tabs). */
  maxSessions?: number;
  /** API connections one person may hold at once; the one past it is told why and closed (default: no such limit). */
  maxSocketsPerPerson?: number;
  /** The page a browser opening the app without a valid token gets with its 401, in its language (default: no body). */
  refusedPage?: (lang: Lang) => string;
  handlers?: Handlers;
  /** The built renderer (default dist/renderer). */
  rendererDir?: string;
  log?: Log;
  /** How the Docker watch pings the engine (tests inject one); false turns the watch and the start-up sweep off. */
  dockerPing?: (() => Promise<unknown>) | false;
  dockerRetryMs?: number;
  /** Per-socket limits on unread replies (tests shrink them; wsApi.ts has the defaults and why). */
  socketLimits?: SocketLimits;
}

export interface Host {
  /** http://127.0.0.1:PORT/?token=... */
  url: string;
  /** http://127.0.0.1:PORT/?launch=CODE with a new one-time code: for a browser started with it on its command line. */
  launchUrl(): string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function plain(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  // No body: a refused request learns nothing about why.
  res.writeHead(status, { ...SECURITY_HEADERS, 'Cache-Control': 'no-store', 'Content-Length': '0', ...headers });
  res.end();
}

function refuseUpgrade(socket: Duplex, status: 400 | 403 | 404 | 503): void {
  const text = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' }[status];
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolveListen, rejectListen) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      if (err.code === 'EADDRINUSE') {
        rejectListen(
          new UserError(`Port ${port} on ${host} is already in use.`, {
            fix: 'Stop the other program, or choose another port: halab serve --port N (--port 0 picks a free one).',
            code: 'E_PORT_IN_USE',
          }),
        );
      } else if (err.code === 'EACCES') {
        rejectListen(
          new UserError(`Port ${port} needs privileges this user does not have.`, { fix: 'Choose a port above 1024: halab serve --port N (--port 0 picks a free one).', code: 'E_PORT_DENIED' }),
        );
      } else rejectListen(err);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const addr = server.address();
      resolveListen(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}

export async function startHost(opts: HostOptions): Promise<Host> {
  const host = opts.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && !opts.tls)
    throw new UserError(`Listening on ${host} needs TLS: tokens would cross the network in clear.`, { fix: 'Give a certificate and key, or let halab make a self-signed one.', code: 'E_USAGE' });
  const secure = !!opts.tls;
  const maxSessions = opts.maxSessions ?? MAX_SESSIONS;
  const log = opts.log ?? ((line: string): void => void process.stderr.write(`${line}\n`));
  const handlers = opts.handlers ?? (await import('../api/handlers/index.js')).allHandlers;
  const dispatcher = createDispatcher(handlers, log);
  const root = opts.rendererDir ?? rendererDir();
  const { access, ownerToken: token } = opts.access ?? ((t) => ({ access: singleTokenAccess(t), ownerToken: t }))(newToken());
  const launchCodes = createLaunchCodes();
  let port = opts.port;
  let origin = '';

  // An IPv6 address is bracketed in URLs and in the Host header alike.
  const urlName = ((name) => (isIP(name) === 6 ? `[${name}]` : name))(opts.urlHost ?? host);
  const hostHeaderOk = (req: IncomingMessage): boolean => req.headers.host === `${urlName}:${port}`;
  const sockets = new PersonSockets();

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    void (async () => {
      if (!hostHeaderOk(req)) {
        plain(res, 403); // a foreign name pointing at us (DNS rebinding)
        return;
      }
      const raw = req.url ?? '/';
      const url = new URL(raw.startsWith('/') ? raw : '/', origin);
      const cred = credential(req, url, access, port);
      if (url.pathname === '/' && url.searchParams.has('launch') && req.method === 'GET') {
        // A spent or unknown code is refused even to a holder of the cookie: it must not look valid twice.
        if (!launchCodes.redeem(url.searchParams.get('launch'))) {
          plain(res, 401);
          return;
        }
        // The code becomes the cookie, and the address bar ends at "/": the code is not kept anywhere.
        plain(res, 303, { Location: '/', 'Set-Cookie': setCookieHeader(port, token, secure) });
        return;
      }
      if (!cred.ok) {
        // A browser opening a page is told what to do next; anything else learns nothing.
        if (opts.refusedPage && (req.method === 'GET' || req.method === 'HEAD') && (req.headers.accept ?? '').includes('text/html')) {
          const body = Buffer.from(opts.refusedPage(langOfAcceptLanguage(req.headers['accept-language'])));
          res.writeHead(401, { ...SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(body.length), 'Cache-Control': 'no-store', Vary: 'Accept-Language' });
          res.end(req.method === 'HEAD' ? undefined : body);
          return;
        }
        plain(res, 401);
        return;
      }
      // Only plain origin-form paths: "//x" parses as a host name, and ".." segments are refused before
      // URL parsing would quietly fold them away.
      if (!raw.startsWith('/') || raw.startsWith('//') || hasDotSegments(raw.split('?')[0] ?? '')) {
        plain(res, 400);
        return;
      }
      const cookie: Record<string, string> = cred.fromQuery && cred.token ? { 'Set-Cookie': setCookieHeader(port, cred.token, secure) } : {};
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        plain(res, 405, { Allow: 'GET, HEAD', ...cookie });
        return;
      }
      const found = await lookupStatic(root, url.pathname);
      if (!found.ok && !existsSync(join(root, 'index.html'))) {
        res.writeHead(503, { ...SECURITY_HEADERS, ...cookie, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end('The HA Lab UI is not built yet: run npm run build, then reload this page.\n');
        return;
      }
      if (!found.ok) {
        plain(res, found.status, cookie);
        return;
      }
      const body = await readStatic(found.file);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        ...cookie,
        'Content-Type': found.mime,
        'Content-Length': String(body.length),
        'Cache-Control': found.mime.startsWith('text/html') ? 'no-store' : 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    })().catch((err: unknown) => {
      // The path only: a first visit's query holds its token.
      log(`[host] ${req.method ?? '?'} ${(req.url ?? '?').split('?')[0] ?? '?'} failed: ${errorMessage(err)}`);
      if (!res.headersSent) plain(res, 500);
      else res.destroy();
    });
  };
  const server: Server = opts.tls ? createHttpsServer({ cert: opts.tls.cert, key: opts.tls.key, minVersion: 'TLSv1.2' }, onRequest) : createHttpServer(onRequest);

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => undefined);
    if (!hostHeaderOk(req)) {
      refuseUpgrade(socket, 403);
      return;
    }
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname !== '/api') {
      refuseUpgrade(socket, 404);
      return;
    }
    // The token proves who it is; the exact Origin proves it is our page and not another site's script.
    const cred = credential(req, url, access, port);
    if (req.headers.origin !== origin) {
      refuseUpgrade(socket, 403);
      return;
    }
    if (!cred.identity) {
      const why = deadCredential(req, url, access, port);
      // A page of ours whose link died while it was away: told why, it stops retrying and says so.
      // Anything never issued gets the bare refusal.
      if (why && wss.clients.size < maxSessions)
        wss.handleUpgrade(req, socket, head, (ws) => {
          endSocket(ws, { reason: why });
        });
      else refuseUpgrade(socket, 403);
      return;
    }
    if (wss.clients.size >= maxSessions) {
      log(`[host] refused an API connection: ${maxSessions} are open already`);
      refuseUpgrade(socket, 503);
      return;
    }
    const identity = cred.identity;
    const person = identity.scope.key;
    const perPerson = opts.maxSocketsPerPerson;
    if (perPerson !== undefined && sockets.count(person) >= perPerson) {
      // Accepted only to say why: a refused upgrade reaches the page as a bare drop, and it would retry forever.
      log(`[host] refused an API connection: ${perPerson} are open for one person already`);
      wss.handleUpgrade(req, socket, head, (ws) => {
        endSocket(ws, { reason: 'tooManyTabs', limit: perPerson });
      });
      return;
    }
    const slot = sockets.reserve(person, cred.token ?? '');
    socket.once('close', slot.release);
    wss.handleUpgrade(req, socket, head, (ws) => {
      slot.attach(serveApiSocket(ws, dispatcher, log, opts.socketLimits, identity));
    });
  });

  port = await listen(server, opts.port, host);
  origin = `${secure ? 'https' : 'http'}://${urlName}:${port}`;
  // Only once listening: a host that failed to start leaves nothing watching its access.
  const stopWatching = access.watch?.(() => {
    const ended = sockets.recheck(access);
    if (ended) log(`[host] ended ${ended} API connection(s) whose link no longer signs in`);
  });

  // The Docker watch, and the sweep of a killed predecessor's leftovers once the engine answers.
  const services =
    opts.dockerPing === false
      ? undefined
      : startAppServices({
          log,
          ...(opts.dockerPing ? { ping: opts.dockerPing } : {}),
          ...(opts.dockerRetryMs ? { retryMs: opts.dockerRetryMs } : {}),
        });

  return {
    url: `${origin}/?token=${token}`,
    launchUrl: () => `${origin}/?launch=${launchCodes.issue()}`,
    origin,
    port,
    token,
    close: async () => {
      services?.stop();
      stopWatching?.();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await topologyHub.closeAll();
      protocolHub.closeAll();
      await new Promise<void>((r) => {
        server.close(() => {
          r();
        });
        server.closeAllConnections();
      });
    },
  };
}
