// The one way the engine words what it says: a key and its parameters, rendered by every language's catalogue
// (en.ts, zh-CN.ts). msg() gives both languages at once (what checks and the API return), say() one language
// (a report or the CLI in the learner's language), and a Message is the same thing kept as data, e.g. a
// probe's reason for a failed reading, rendered only where it is shown.
import type { Lang, Localized } from '../../common/contract.js';
import { en, type Catalogue } from './en.js';
import { zhCN } from './zh-CN.js';

const catalogues: Record<Lang, Catalogue> = { en, 'zh-CN': zhCN };

export type MessageKey = keyof Catalogue;

/** A text parameter may also come in both languages (a message inside a message): each language takes its own. */
type Loose<V> = V extends string ? V | Localized : V;
type LooseParams<P> = { [K in keyof P]: Loose<P[K]> };

/** The arguments after the key: none for a message without parameters, else its parameters. */
export type MessageArgs<K extends MessageKey> = Parameters<Catalogue[K]> extends [infer P] ? [params: LooseParams<P>] : [];

/** A message as data: its key and parameters. */
export type Message<K extends MessageKey = MessageKey> = K extends MessageKey
  ? Parameters<Catalogue[K]> extends [infer P]
    ? { key: K; params: LooseParams<P> }
    : { key: K; params?: undefined }
  : never;

const isLocalized = (v: unknown): v is Localized => typeof v === 'object' && v !== null && typeof (v as Partial<Localized>).en === 'string' && typeof (v as Partial<Localized>)['zh-CN'] === 'string';

function textIn(lang: Lang, key: MessageKey, params: object | undefined): string {
  // The key ties the function to its parameters in the types above; here they are one untyped call.
  const render = catalogues[lang][key] as (p?: Record<string, unknown>) => string;
  if (!params) return render();
  const own = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, isLocalized(value) ? value[lang] : value]));
  return render(own);
}

/** The message in one language. */
export function say<K extends MessageKey>(lang: Lang, key: K, ...args: MessageArgs<K>): string {
  return textIn(lang, key, args[0]);
}

/** The message in every language. */
export function msg<K extends MessageKey>(key: K, ...args: MessageArgs<K>): Localized {
  return { en: textIn('en', key, args[0]), 'zh-CN': textIn('zh-CN', key, args[0]) };
}

/** A message kept as data, in every language. */
export function render(message: Message): Localized {
  return { en: textIn('en', message.key, message.params), 'zh-CN': textIn('zh-CN', message.key, message.params) };
}
