// The language a front end starts in when the learner has not chosen one. One rule for the CLI and the app.
import type { Lang } from '../labs/schema.js';

/**
 * zh-CN when the system's locale is Chinese: HALAB_LANG first, then LC_ALL, LC_MESSAGES and LANG, then Intl.
 * An empty variable counts as unset, as it does for the C library.
 */
export function defaultLang(env: NodeJS.ProcessEnv = process.env, intlLocale = Intl.DateTimeFormat().resolvedOptions().locale): Lang {
  const fromEnv = [env.HALAB_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v) ?? '';
  if (/^zh/i.test(fromEnv)) return 'zh-CN';
  if (/^(en|C|POSIX)/i.test(fromEnv)) return 'en';
  return /^zh/i.test(intlLocale) ? 'zh-CN' : 'en';
}
