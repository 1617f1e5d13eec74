// Which grammar colours a file: chosen by where the file lives in the node, then by a script's #! line.
export type EditorLanguage = 'keepalived' | 'nginx' | 'shell' | 'plaintext';

export function languageForPath(path: string, content = ''): EditorLanguage {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (/\.(sh|bash)$/.test(base)) return 'shell';
  if (/^#!.*\b(ba|da|k|z)?sh\b/.test(content)) return 'shell';
  if (base === 'keepalived.conf' || (path.startsWith('/etc/keepalived/') && base.endsWith('.conf'))) return 'keepalived';
  if (base === 'nginx.conf' || path.startsWith('/etc/nginx/')) return 'nginx';
  // crontabs and /etc/default files are shell-like: # comments, words, variables.
  if (path.startsWith('/etc/cron.d/') || path.startsWith('/var/spool/cron/') || path.startsWith('/etc/default/') || base === 'crontab') return 'shell';
  return 'plaintext';
}
