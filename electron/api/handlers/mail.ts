// mail.list: the alert mails the labs' scripts "sent", read from /var/mail/* in every node (the image's
// `mail` delivers locally in mbox format; see containers/rootfs/usr/local/bin/mail).
import type { Handlers } from '../handlerTypes.js';
import type { MailMessage } from '../../../common/contract.js';
import { execIn } from '../../docker/exec.js';
import { runningLab } from './labContext.js';

const MAX_MAILBOX_BYTES = 256 * 1024;
/** Mailbox names are user names: anything else in /var/mail is skipped. */
const USER_NAME = /^[a-z_][a-z0-9_.-]{0,31}$/i;
/** Prints "\0<user>\0<mbox text>" per mailbox; the tail of a large mailbox holds the newest mail. */
const LIST_MAILBOXES = `for f in /var/mail/*; do [ -f "$f" ] || continue; printf '\\0%s\\0' "\${f##*/}"; tail -c ${MAX_MAILBOX_BYTES} "$f"; done; exit 0`;

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

async function listMail(lab: string): Promise<MailMessage[]> {
  const view = await runningLab(lab);
  const perNode = await Promise.all(
    view.nodes.map(async (n) => {
      const res = await execIn(view.container(n.name), ['sh', '-c', LIST_MAILBOXES], { timeoutMs: 5000, maxBytes: 4 * 1024 * 1024 }).catch(() => undefined);
      if (!res || res.exitCode !== 0) return [];
      return splitMailboxes(res.stdout).flatMap((box) => parseMbox(n.name, box.user, box.text));
    }),
  );
  return perNode.flat();
}

export const mailHandlers: Handlers = {
  'mail.list': ({ lab }) => listMail(lab),
};
