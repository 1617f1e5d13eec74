// The app's strings merged with the terminal's and the editor's own tables (their keys are prefixed
// "terminal." and "editor.", so nothing clashes).
import type { Lang } from '../../common/contract.js';
import { editorStrings } from './editorStrings.js';
import { terminalStrings } from '../terminal/strings.js';
import { en, type StringKey } from './en.js';
import { zhCN } from './zh-CN.js';

export type { StringKey };

export const tables: Record<Lang, Record<string, string>> = {
  en: { ...terminalStrings.en, ...editorStrings.en, ...en },
  'zh-CN': { ...terminalStrings['zh-CN'], ...editorStrings['zh-CN'], ...zhCN },
};
