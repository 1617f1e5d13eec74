// Gives every component the chosen language and the lookup functions, re-rendering on a switch.
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useMemo } from 'preact/hooks';
import type { Lang, Localized } from '../../common/contract.js';
import type { ErrorCode } from '../../common/errorCodes.js';
import { errorInfo, type ErrorInfo } from '../util/errors.js';
import { useStore } from '../util/useStore.js';
import type { LangState } from './langState.js';
import { tidyCjkSpaces } from './cjkSpacing.js';
import { pick, translate, type Tables, type Vars } from './translate.js';
import { tables as defaultTables, type StringKey } from './tables.js';

export interface I18n {
  lang: Lang;
  choose: (lang: Lang) => void;
  t: (key: StringKey, vars?: Vars) => string;
  /** The text of a lab's own bilingual field in the chosen language, without the gaps wrapping leaves in Chinese. */
  loc: (text: Localized | undefined) => string;
  /** An error for people: the transport's own failures in the chosen language, the host's as it sent them. */
  err: (error: unknown) => ErrorInfo;
  /** A node's container state (running, exited, …) in the chosen language. */
  nodeState: (state: string) => string;
}

// Failures the UI's own transport produces; the host's errors arrive already worded.
const CLIENT_ERRORS: Partial<Record<ErrorCode, StringKey>> = { E_DISCONNECTED: 'err.disconnected', E_TIMEOUT: 'err.timeout', E_CLOSED: 'err.closed' };
const NODE_STATES = new Set(['running', 'exited', 'missing', 'created', 'paused', 'restarting', 'dead', 'removing', 'stopped']);

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider(props: { langState: LangState; tables?: Tables; children?: ComponentChildren }) {
  const lang = useStore(props.langState.store);
  const tables = props.tables ?? defaultTables;
  const value = useMemo<I18n>(
    () => ({
      lang,
      choose: (l) => {
        props.langState.choose(l);
      },
      t: (key, vars) => translate(tables, lang, key, vars),
      loc: (text) => tidyCjkSpaces(pick(lang, text)),
      err: (error) => {
        const info = errorInfo(error);
        const key = info.code ? CLIENT_ERRORS[info.code] : undefined;
        return key ? { code: info.code, message: translate(tables, lang, key) } : info;
      },
      nodeState: (state) => (NODE_STATES.has(state) ? translate(tables, lang, `state.${state}`) : state),
    }),
    [lang, tables, props.langState],
  );
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
