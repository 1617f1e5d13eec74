// The config editor's public face for the shell. Monaco itself is loaded only when mountEditor runs.
export { mountEditor, type EditorHandle, type EditorOptions, type EditorTheme } from './mountEditor.js';
export { editorStrings } from '../i18n/editorStrings.js';
export { languageForPath, type EditorLanguage } from './languageForPath.js';
