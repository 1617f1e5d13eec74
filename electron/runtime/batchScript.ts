// Several commands for one container as a single `bash -c` run: each command runs concurrently in the
// background under its own `timeout`, exactly as it would in its own exec, and the outputs come back in
// frames marked by a random boundary. One docker exec costs tens of milliseconds of engine and runc work,
// so readings of one node taken together are far cheaper as one exec than as several.
import { randomBytes } from 'node:crypto';

export interface BatchCommand {
  argv: string[];
  /** Whole seconds for coreutils `timeout`, as a lone exec would get. */
  seconds: number;
}

export interface BatchOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * $1 boundary, $2 byte limit per stream, then per command: <seconds> <argc> <argv...>.
 * Outputs go to files (on /dev/shm when it is there) so that stdout and stderr stay apart and byte-exact;
 * one `head` then prints every frame: "<boundary> <index> <exit code> o|e\n" and the stream's bytes.
 */
export const BATCH_SCRIPT = `
b=$1; max=$2; shift 2
d=$(mktemp -d /dev/shm/halab-probe.XXXXXX 2>/dev/null || mktemp -d /tmp/halab-probe.XXXXXX) || exit 125
trap 'rm -rf "$d"' EXIT
n=0; pids=()
while (($# >= 2)); do
  s=$1; c=$2; shift 2
  timeout -k 1 "$s" "\${@:1:$c}" </dev/null >"$d/$n.o" 2>"$d/$n.e" &
  pids[n]=$!
  shift "$c"; n=$((n + 1))
done
frames=()
for ((i = 0; i < n; i++)); do
  wait "\${pids[i]}"; rc=$?
  printf '%s %d %d o\\n' "$b" "$i" "$rc" >"$d/$i.ho"
  printf '%s %d %d e\\n' "$b" "$i" "$rc" >"$d/$i.he"
  frames+=("$d/$i.ho" "$d/$i.o" "$d/$i.he" "$d/$i.e")
done
head -q -c "$max" -- "\${frames[@]}"
`;

export const newBoundary = (): string => `@halab-${randomBytes(12).toString('hex')}@`;

/** The argv after `bash -c BATCH_SCRIPT <name>`. */
export function batchArgs(boundary: string, maxBytes: number, commands: BatchCommand[]): string[] {
  return [boundary, String(maxBytes), ...commands.flatMap((c) => [String(c.seconds), String(c.argv.length), ...c.argv])];
}

/** Splits the script's output into one result per command; a command with no frame maps to undefined. */
export function parseBatchOutput(out: string, boundary: string, count: number): (BatchOutput | undefined)[] {
  const results: (BatchOutput | undefined)[] = Array.from({ length: count }, () => undefined);
  let at = out.indexOf(boundary);
  while (at >= 0) {
    const eol = out.indexOf('\n', at);
    if (eol < 0) break;
    const header = /^ (\d+) (\d+) ([oe])$/.exec(out.slice(at + boundary.length, eol));
    const next = out.indexOf(boundary, eol + 1);
    const body = out.slice(eol + 1, next < 0 ? out.length : next);
    const index = Number(header?.[1]);
    if (header && index < count) {
      const r = (results[index] ??= { exitCode: Number(header[2]), stdout: '', stderr: '' });
      if (header[3] === 'o') r.stdout = body;
      else r.stderr = body;
    }
    at = next;
  }
  return results;
}
