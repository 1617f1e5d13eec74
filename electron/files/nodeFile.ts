// Reads and writes text files inside a lab node through an exec in the node. Reads carry the bytes base64-encoded
// so the host decides exactly whether they are UTF-8 text; writes go to a temp file in the same folder
// and are renamed over the target, so daemons and graders never read a half-written config.
import type { ContainerHandle, ExecResult } from '../runtime/containerRuntime.js';
import { UserError, errorMessage } from '../util/errors.js';
import type { FileContent } from '../../common/contract.js';

export const MAX_FILE_BYTES = 1024 * 1024;

// Symlinks are followed (sites-enabled/default -> sites-available/default), as an editor in the node would.
const READ_SCRIPT = `p=$1
[ -e "$p" ] || { echo MISSING; exit 0; }
[ -f "$p" ] || { echo "NOTFILE $(stat -L -c %F -- "$p")"; exit 0; }
s=$(stat -L -c %s -- "$p")
[ "$s" -le ${MAX_FILE_BYTES} ] || { echo "TOOBIG $s"; exit 0; }
echo "OK $s"
base64 -w0 -- "$p"`;

// Writing through a symlink updates its target and keeps the link. The temp file takes the old file's
// mode and owner before the rename, so a script stays executable and a config keeps its permissions.
const WRITE_SCRIPT = `set -e
p=$1
[ -L "$p" ] && p=$(readlink -f -- "$p")
[ -d "$p" ] && { echo "ISDIR" >&2; exit 3; }
d=$(dirname -- "$p")
mkdir -p -- "$d"
t=$(mktemp -- "$d/.halab-save.XXXXXX")
trap 'rm -f -- "$t"' EXIT
cat > "$t"
if [ -e "$p" ]; then chmod --reference="$p" -- "$t"; chown --reference="$p" -- "$t"; else chmod 644 -- "$t"; fi
sync -- "$t" 2>/dev/null || true
mv -f -- "$t" "$p"
trap - EXIT
echo SAVED`;

/** The runtime's refusal (node stopped or gone) as a message that says what to do; read, write and validate alike. */
export function nodeRefusal(err: unknown, node: string): UserError {
  if (err instanceof UserError) return err;
  const status = (err as { statusCode?: number } | null)?.statusCode;
  if (status === 409) return new UserError(`The node ${node} is not running.`, { fix: `Start it again (the "start_node" action), or reset the lab.`, code: 'E_NODE_STOPPED' });
  if (status === 404) return new UserError(`The node ${node} does not exist in this lab any more.`, { fix: 'Reset the lab.', code: 'E_NODE_MISSING' });
  return new UserError(`Could not reach the node ${node}: ${errorMessage(err)}`, { code: 'E_NODE' });
}

async function runIn(container: ContainerHandle, node: string, argv: string[], stdin?: string): Promise<ExecResult> {
  try {
    return await container.exec(argv, { timeoutMs: 10_000, maxBytes: 2 * MAX_FILE_BYTES, ...(stdin !== undefined ? { stdin } : {}) });
  } catch (err) {
    throw nodeRefusal(err, node);
  }
}

/** True when the bytes are text an editor can show and save back unchanged. */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export async function readNodeFile(container: ContainerHandle, node: string, path: string): Promise<FileContent> {
  const res = await runIn(container, node, ['bash', '-c', READ_SCRIPT, 'read', path]);
  const newline = res.stdout.indexOf('\n');
  const head = newline < 0 ? res.stdout.trim() : res.stdout.slice(0, newline);
  const [status, detail] = head.split(/ (.*)/s);
  if (status === 'MISSING') return { exists: false, content: '' };
  if (status === 'NOTFILE') throw new UserError(`${node}:${path} is not a regular file (${detail ?? 'unknown type'}).`, { code: 'E_NOT_A_FILE' });
  if (status === 'TOOBIG') {
    throw new UserError(`${node}:${path} is ${detail ?? '?'} bytes: the editor opens files up to 1 MiB.`, { fix: `Look at it in the node's terminal (less ${path}).`, code: 'E_FILE_TOO_BIG' });
  }
  if (status !== 'OK' || res.exitCode !== 0) throw new UserError(`Reading ${node}:${path} failed: ${res.stderr.trim() || `exit ${res.exitCode}`}`, { code: 'E_READ' });
  const content = decodeText(Buffer.from(res.stdout.slice(newline + 1), 'base64'));
  if (content === undefined) {
    throw new UserError(`${node}:${path} is a binary file, not UTF-8 text: the editor opens text files only.`, {
      fix: `Look at it in the node's terminal (xxd ${path} | less).`,
      code: 'E_FILE_BINARY',
    });
  }
  return { exists: true, content };
}

export async function writeNodeFile(container: ContainerHandle, node: string, path: string, content: string): Promise<void> {
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > MAX_FILE_BYTES) throw new UserError(`The file is ${bytes} bytes: the editor saves files up to 1 MiB.`, { code: 'E_FILE_TOO_BIG' });
  const res = await runIn(container, node, ['bash', '-c', WRITE_SCRIPT, 'write', path], content);
  if (res.exitCode !== 0 || !/^SAVED$/m.test(res.stdout)) {
    const why = /ISDIR/.test(res.stderr) ? 'it is a folder' : res.stderr.trim() || `exit ${res.exitCode}`;
    throw new UserError(`Saving ${node}:${path} failed: ${why}.`, { code: 'E_WRITE' });
  }
}
