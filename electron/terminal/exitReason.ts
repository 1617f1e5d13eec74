// Why a terminal ended, as carried in `terminal.exit`'s reason. The UI picks its message and whether to
// reconnect from it. Free of Node imports: the renderer may import this type.
export type TerminalExitReason =
  /** The node's container stopped or restarted (kill_node, a crash, start_node after a kill): reconnect when it runs. */
  | 'node-stopped'
  /** The shell ended on its own (`exit`, Ctrl+D): reconnect when the learner asks. */
  | 'shell-exited'
  /** terminal.close was called. */
  | 'closed'
  /** The connection to Docker broke. */
  | 'error';
