// Web permissions the renderer may get: only the clipboard (the terminal's copy and paste), and only for
// our own app:// page. Camera, microphone, notifications, geolocation and the rest are refused.
import { APP_ORIGIN } from './windowOptions.js';

const ALLOWED = new Set(['clipboard-read', 'clipboard-sanitized-write']);

export function allowPermission(permission: string, requestingUrl: string | undefined): boolean {
  if (!ALLOWED.has(permission) || !requestingUrl) return false;
  try {
    const url = new URL(requestingUrl);
    return `${url.protocol}//${url.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}
