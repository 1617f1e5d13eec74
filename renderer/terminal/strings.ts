// Every text the terminal component shows, in both languages. The app shell merges this table into its
// i18n; the component also uses it directly. `{node}`, `{code}`, `{message}` are filled in at display.
export const terminalStrings: Record<'en' | 'zh-CN', Record<string, string>> = {
  en: {
    'terminal.label': 'Terminal of {node}',
    'terminal.connecting': 'Connecting to {node}…',
    'terminal.nodeStopped': '{node} stopped — reconnecting when it runs again…',
    'terminal.closed': 'Connection closed — press Enter to reconnect',
    'terminal.shellExited': 'The shell exited (code {code}) — press Enter to reconnect',
    'terminal.brokenLink': 'The connection to Docker broke — press Enter to reconnect',
    'terminal.labStopped': 'The lab is not running — start it, then press Enter',
    'terminal.failed': 'Could not open a terminal on {node}: {message} — press Enter to retry',
    'terminal.reconnected': 'reconnected to {node}',
    'terminal.clipboardDenied': 'Clipboard access was refused — use the browser’s Paste command instead',
  },
  'zh-CN': {
    'terminal.label': '{node} 的终端',
    'terminal.connecting': '正在连接 {node}…',
    'terminal.nodeStopped': '{node} 已停止 — 节点重新运行后自动重连…',
    'terminal.closed': '连接已关闭 — 按回车键重新连接',
    'terminal.shellExited': 'Shell 已退出（退出码 {code}）— 按回车键重新连接',
    'terminal.brokenLink': '与 Docker 的连接中断 — 按回车键重新连接',
    'terminal.labStopped': '实验未在运行 — 请先启动实验，然后按回车键',
    'terminal.failed': '无法打开 {node} 的终端：{message} — 按回车键重试',
    'terminal.reconnected': '已重新连接到 {node}',
    'terminal.clipboardDenied': '剪贴板访问被拒绝 — 请改用浏览器的“粘贴”命令',
  },
};

export type TerminalLang = keyof typeof terminalStrings;

export function terminalText(lang: TerminalLang, key: string, vars: Record<string, string | number> = {}): string {
  const template = terminalStrings[lang][key] ?? terminalStrings.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}
