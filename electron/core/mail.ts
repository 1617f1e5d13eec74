// The mail every node of a running lab holds, newest last per mailbox: the same list for the app's Mail tab and `halab mail`.
import type { MailMessage } from '../../common/contract.js';
import { LIST_MAILBOXES, parseMbox, splitMailboxes } from '../mail/mbox.js';
import { runningLab } from './labAccess.js';

export async function listMail(lab: string): Promise<MailMessage[]> {
  const view = await runningLab(lab);
  const perNode = await Promise.all(
    view.nodes.map(async (n) => {
      // A node that is down has no mail to show; the others still do.
      const res = await view
        .container(n.name)
        .exec(['sh', '-c', LIST_MAILBOXES], { timeoutMs: 5000, maxBytes: 4 * 1024 * 1024 })
        .catch(() => undefined);
      if (!res || res.exitCode !== 0) return [];
      return splitMailboxes(res.stdout).flatMap((box) => parseMbox(n.name, box.user, box.text));
    }),
  );
  return perNode.flat();
}
