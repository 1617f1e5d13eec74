// The built renderer's files, served by the browser host and by the Electron shell's app:// scheme alike:
// one place that decides which file a URL path means (never one outside the folder) and with which headers.
import { realpath, readFile, stat } from 'node:fs/promises';
import { extname, join, relative, resolve, sep, isAbsolute } from 'node:path';
import { projectRoot } from '../util/paths.js';

export const rendererDir = (): string => join(projectRoot(), 'dist', 'renderer');

/** Monaco injects <style> elements, hence 'unsafe-inline' for styles only; its workers start from blob: URLs. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export const mimeFor = (file: string): string => MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';

/** True when a raw request path has "." or ".." segments, plain or percent-encoded: refused before URL parsing folds them away. */
export function hasDotSegments(rawPath: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return true;
  }
  return /(^|[/\\])\.\.?([/\\]|$)/.test(decoded);
}

export type StaticLookup = { ok: true; file: string; mime: string } | { ok: false; status: 400 | 404 };

/**
 * Maps a URL path (still percent-encoded, without the query) to a file inside `root`. Refuses "..",
 * encoded slashes, backslashes, NUL and links that lead outside. "/" and paths without an extension that
 * do not exist are the app itself (index.html), so a reload on a client-side route still works.
 */
export async function lookupStatic(root: string, urlPath: string): Promise<StaticLookup> {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return { ok: false, status: 400 };
  }
  if (!path.startsWith('/') || /[\\\0]/.test(path) || /%2f|%5c/i.test(urlPath)) return { ok: false, status: 400 };
  if (path.split('/').some((seg) => seg === '..' || seg === '.')) return { ok: false, status: 400 };
  const base = await realpath(root).catch(() => undefined);
  if (!base) return { ok: false, status: 404 };
  const wanted = path === '/' ? 'index.html' : path.slice(1);
  const candidate = resolve(base, wanted);
  const inside = (p: string): boolean => {
    const rel = relative(base, p);
    return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
  };
  if (!inside(candidate)) return { ok: false, status: 400 };
  const real = await realpath(candidate).catch(() => undefined);
  if (real) {
    if (!inside(real)) return { ok: false, status: 404 };
    const info = await stat(real);
    if (info.isFile()) return { ok: true, file: real, mime: mimeFor(real) };
    return { ok: false, status: 404 };
  }
  if (extname(wanted) === '') {
    const index = join(base, 'index.html');
    if (
      await stat(index).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      return { ok: true, file: index, mime: mimeFor(index) };
  }
  return { ok: false, status: 404 };
}

export const readStatic = (file: string): Promise<Buffer> => readFile(file);
