// Errors reach the UI in several shapes: an Error from the WebSocket client (with code/fix),
// an ApiError object from the preload, or anything else. This turns them into text for people.
import { isErrorCode, type ErrorCode } from '../../common/errorCodes.js';

export interface ErrorInfo {
  code?: ErrorCode;
  message: string;
  fix?: string;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export function errorInfo(err: unknown): ErrorInfo {
  if (err && typeof err === 'object') {
    const o = err as Record<string, unknown>;
    const inner = o.error && typeof o.error === 'object' ? (o.error as Record<string, unknown>) : undefined;
    const src = inner ?? o;
    // Electron prefixes invoke() rejections with "Error invoking remote method '…': Error: ".
    const raw = str(src.message) ?? JSON.stringify(err);
    const message = raw.replace(/^Error invoking remote method '[^']*': (?:\w*Error: )?/, '');
    const info: ErrorInfo = { message };
    const code = isErrorCode(src.code) ? src.code : undefined;
    const fix = str(src.fix);
    if (code) info.code = code;
    if (fix) info.fix = fix;
    return info;
  }
  return { message: String(err) };
}
