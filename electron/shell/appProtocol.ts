// Answers app://renderer/... requests from the built renderer folder, with the same CSP and headers as the
// browser host. Any other host under app:// is refused.
import { lookupStatic, readStatic, rendererDir, SECURITY_HEADERS } from '../host/staticFiles.js';
import { APP_HOST, APP_SCHEME } from './windowOptions.js';

export async function appProtocolResponse(requestUrl: string, root = rendererDir()): Promise<Response> {
  const refuse = (status: number): Response => new Response(null, { status, headers: SECURITY_HEADERS });
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return refuse(400);
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refuse(404);
  const found = await lookupStatic(root, url.pathname);
  if (!found.ok) return refuse(found.status);
  const body = await readStatic(found.file);
  return new Response(new Uint8Array(body), { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': found.mime, 'Cache-Control': 'no-cache' } });
}
