// Every text of the instructor's view of one learner's lab, in both languages, kept beside the view
// (the app's tables are full). Placeholders are {name}, as in renderer/i18n.
import { useCallback } from 'preact/hooks';
import type { Lang } from '../../common/contract.js';
import { useI18n } from '../i18n/context.js';
import { tidyCjkSpaces } from '../i18n/cjkSpacing.js';
import { translate, type Vars } from '../i18n/translate.js';

const en = {
  'inspect.open': 'Watch {name}’s {lab} live',
  'inspect.back': 'Back to the grid',
  'inspect.kicker': 'A learner’s lab, live',
  'inspect.readOnly': 'Read-only',
  'inspect.readOnlyHint': 'You see what the learner sees. Nothing you type reaches their lab.',
  'inspect.loading': 'Opening the learner’s lab…',
  'inspect.notRunning': 'The lab is not running.',
  'inspect.notRunningHint': '{name} has not started “{lab}”, or it was stopped. This page shows it as soon as it runs.',
  'inspect.removed': '{name} is no longer in this class.',
  'inspect.topology': 'Topology',
  'inspect.terminals': 'Terminals',
  'inspect.noTerminal': 'No terminal is open. When {name} opens one, it appears here.',
  'inspect.terminalOf': 'Terminal of {node} (read-only)',
  'inspect.connecting': 'Connecting to {node}…',
  'inspect.ended': 'The learner’s terminal on {node} is closed. It comes back here when they open it again.',
  'inspect.stopped': '{node} stopped. Its terminal comes back here when the learner opens it again.',
  'inspect.failed': 'Cannot show this terminal: {message}',
} as const;

export type InspectKey = keyof typeof en;

const zhCN: Record<InspectKey, string> = {
  'inspect.open': '实时查看 {name} 的 {lab}',
  'inspect.back': '返回班级看板',
  'inspect.kicker': '实时查看学员实验',
  'inspect.readOnly': '只读',
  'inspect.readOnlyHint': '这里显示的就是学员看到的内容。你输入的任何内容都不会发送到学员的实验。',
  'inspect.loading': '正在打开学员的实验…',
  'inspect.notRunning': '实验没有在运行。',
  'inspect.notRunningHint': '{name} 还没有启动“{lab}”，或者实验已经停止。实验一启动，这里会自动显示。',
  'inspect.removed': '{name} 已不在本班级。',
  'inspect.topology': '拓扑',
  'inspect.terminals': '终端',
  'inspect.noTerminal': '{name} 还没有打开终端，打开后会自动显示在这里。',
  'inspect.terminalOf': '{node} 的终端（只读）',
  'inspect.connecting': '正在连接 {node}…',
  'inspect.ended': '学员已关闭 {node} 的终端。学员重新打开后，这里会重新显示。',
  'inspect.stopped': '{node} 已停止。学员重新打开终端后，这里会重新显示。',
  'inspect.failed': '无法显示这个终端：{message}',
};

const tables: Record<Lang, Record<string, string>> = { en, 'zh-CN': zhCN };

/** The view's own lookup, in the language the app shows. */
export function useInspectText(): (key: InspectKey, vars?: Vars) => string {
  const { lang } = useI18n();
  return useCallback((key: InspectKey, vars?: Vars) => tidyCjkSpaces(translate(tables, lang, key, vars)), [lang]);
}
