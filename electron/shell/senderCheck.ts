// Who may call the API over IPC: only our window's main frame, showing our app:// page. Anything else (a
// frame that navigated away, an iframe, another window) is refused before its input is even looked at.
import { APP_ORIGIN } from './windowOptions.js';

export interface SenderFacts {
  /** event.senderFrame?.url; undefined when the frame is gone. */
  frameUrl: string | undefined;
  /** True when the frame is its page's main frame (event.senderFrame === event.sender.mainFrame). */
  isMainFrame: boolean;
  /** event.sender.id */
  webContentsId: number;
  /** Our window's webContents.id, or undefined when it is closed. */
  windowWebContentsId: number | undefined;
}

export function isTrustedSender(s: SenderFacts): boolean {
  if (s.windowWebContentsId === undefined || s.webContentsId !== s.windowWebContentsId || !s.isMainFrame || !s.frameUrl) return false;
  try {
    const url = new URL(s.frameUrl);
    return `${url.protocol}//${url.host}` === APP_ORIGIN && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
