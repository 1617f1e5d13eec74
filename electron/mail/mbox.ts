// The alert mails the labs' scripts "send": the image's `mail` delivers locally in mbox format (see
// containers/rootfs/usr/local/bin/mail). This reads mailboxes out of a node's /var/mail and splits them.
import type { MailMessage } from '../../common/contract.js';

export const MAX_MAILBOX_BYTES = 256 * 1024;
/** Mailbox names are user names: anything else in /var/mail is skipped. */
const USER_NAME = /^[a-z_][a-z0-9_.-]{0,31}$/i;
/** Prints "\0<user>\0<mbox text>" per mailbox; the tail of a large mailbox holds the newest mail. */
export const LIST_MAILBOXES = `for f in /var/mail/*; do [ -f "$f" ] || continue; printf '\\0%s\\0' "\${f##*/}"; tail -c ${MAX_MAILBOX_BYTES} "$f"; done; exit 0`;

/** Splits an mbox text into messages: a "From " line after a blank line (or at the start) begins one. */
export function parseMbox(node: string, user: string, text: string): MailMessage[] {
  const out: MailMessage[] = [];
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let current: string[] | undefined;
  const flush = (): void => {
    if (!current) return;
    const blank = current.indexOf('');
    const headerLines = blank === -1 ? current : current.slice(0, blank);
    const header = (name: string): string => {
      const line = headerLines.find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
      return line ? line.slice(name.length + 1).trim() : '';
    };
    const body = (blank === -1 ? [] : current.slice(blank + 1)).map((l) => (/^>+From /.test(l) ? l.slice(1) : l));
    while (body.length && body[body.length - 1] === '') body.pop();
    out.push({ node, user, from: header('From'), subject: header('Subject'), date: header('Date'), body: body.join('\n') });
  };
  lines.forEach((line, i) => {
    if (line.startsWith('From ') && (i === 0 || lines[i - 1] === '' || current === undefined)) {
      flush();
      current = [];
      return;
    }
    current?.push(line);
  });
  flush();
  return out;
}

/** Splits the listing script's output into (user, mailbox text) pairs. */
export function splitMailboxes(output: string): { user: string; text: string }[] {
  const parts = output.split('\0');
  const out: { user: string; text: string }[] = [];
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const user = parts[i] ?? '';
    if (USER_NAME.test(user)) out.push({ user, text: parts[i + 1] ?? '' });
  }
  return out;
}
