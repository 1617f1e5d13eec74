// The app's strings merged with the terminal's and the editor's own tables (their keys are prefixed
// "terminal." and "editor.", so nothing clashes).
import type { Lang } from '../../common/contract.js';
import { editorStrings } from './editorStrings.js';
import { sessionStrings, type SessionStringKey } from './sessionStrings.js';
import { engineStrings, type EngineStringKey } from './engineStrings.js';
import { terminalStrings } from '../terminal/strings.js';
import { en, type StringKey as ShellStringKey } from './en.js';
import { zhCN } from './zh-CN.js';

export type StringKey = ShellStringKey | SessionStringKey | EngineStringKey;

export const tables: Record<Lang, Record<string, string>> = {
  en: { ...terminalStrings.en, ...editorStrings.en, ...sessionStrings.en, ...engineStrings.en, ...en },
  'zh-CN': { ...terminalStrings['zh-CN'], ...editorStrings['zh-CN'], ...sessionStrings['zh-CN'], ...engineStrings['zh-CN'], ...zhCN },
};
