// Hangs up a terminal's shell inside its node. The engine does not end an exec when its client disconnects
// (the shell would live on in the container), so we do what closing a real terminal does: SIGHUP to every
// process on the shell's pty. The shell is found by the marker variable put in its environment; processes
// started by the in-image systemctl have their own session and a clean environment, so they are not hit.
import type { ContainerHandle } from '../runtime/containerRuntime.js';

export const TERMINAL_MARKER = 'HALAB_TERMINAL';

// $1 = the terminal id. Exec'd processes have parent pid 0 inside the container's pid namespace.
const SCRIPT = `
for p in $(ps -eo pid=,ppid= | awk '$2 == 0 {print $1}'); do
  if tr '\\0' '\\n' < /proc/$p/environ 2>/dev/null | grep -qxF "${TERMINAL_MARKER}=$1"; then
    t=$(ps -o tty= -p "$p" | tr -d ' ')
    case $t in ''|'?') kill -HUP "$p" ;; *) pkill -HUP -t "$t" ;; esac
  fi
done
exit 0`;

export async function hangUpShell(container: ContainerHandle, id: string): Promise<void> {
  await container.exec(['bash', '-c', SCRIPT, 'hangup', id], { timeoutMs: 5000 });
}
