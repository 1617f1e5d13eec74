// Registers the editor's own grammars and two themes that give their token names colours. Idempotent:
// several editors (or a remount) share one registration.
import type * as Monaco from 'monaco-editor/editor/editor.api';
import type { EditorLanguage } from './languageForPath.js';
import { keepalivedConfiguration, keepalivedLanguage } from './grammars/keepalived.js';
import { nginxConfiguration, nginxLanguage } from './grammars/nginx.js';
import { shellConfiguration, shellLanguage } from './grammars/shell.js';

/** The parts of the Monaco API used here (whichever way the caller imported it). */
interface MonacoApi {
  languages: typeof Monaco.languages;
  editor: typeof Monaco.editor;
}

const GRAMMARS: Record<Exclude<EditorLanguage, 'plaintext'>, { language: Monaco.languages.IMonarchLanguage; config: Monaco.languages.LanguageConfiguration }> = {
  keepalived: { language: keepalivedLanguage, config: keepalivedConfiguration },
  nginx: { language: nginxLanguage, config: nginxConfiguration },
  shell: { language: shellLanguage, config: shellConfiguration },
};

export const THEME_LIGHT = 'halab-light';
export const THEME_DARK = 'halab-dark';

const registered = new WeakSet<object>();

export function registerEditorLanguages(monaco: MonacoApi): void {
  if (registered.has(monaco.languages)) return;
  registered.add(monaco.languages);
  for (const [id, g] of Object.entries(GRAMMARS)) {
    if (!monaco.languages.getLanguages().some((l) => l.id === id)) monaco.languages.register({ id });
    monaco.languages.setMonarchTokensProvider(id, g.language);
    monaco.languages.setLanguageConfiguration(id, g.config);
  }
  monaco.editor.defineTheme(THEME_LIGHT, {
    base: 'vs',
    inherit: true,
    colors: {},
    rules: [
      { token: 'keyword.block', foreground: '7a3e9d', fontStyle: 'bold' },
      { token: 'keyword', foreground: '0000c0' },
      { token: 'constant', foreground: 'b35c00', fontStyle: 'bold' },
      { token: 'number.ip', foreground: '067d17' },
      { token: 'string.path', foreground: '8a5a00' },
      { token: 'variable', foreground: '00838f' },
      { token: 'regexp', foreground: 'c2185b' },
      { token: 'comment', foreground: '6a737d', fontStyle: 'italic' },
    ],
  });
  monaco.editor.defineTheme(THEME_DARK, {
    base: 'vs-dark',
    inherit: true,
    colors: {},
    rules: [
      { token: 'keyword.block', foreground: 'c586c0', fontStyle: 'bold' },
      { token: 'keyword', foreground: '569cd6' },
      { token: 'constant', foreground: 'ffb74d', fontStyle: 'bold' },
      { token: 'number.ip', foreground: '8bd98b' },
      { token: 'string.path', foreground: 'd7ba7d' },
      { token: 'variable', foreground: '4fc1ff' },
      { token: 'regexp', foreground: 'f48fb1' },
      { token: 'comment', foreground: '8b949e', fontStyle: 'italic' },
    ],
  });
}
