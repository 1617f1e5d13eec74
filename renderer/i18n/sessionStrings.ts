// What a page says when the host ended its session for good (common/sessionEnd.ts), in both languages.
// The shell merges this table into its own; keys are prefixed "session.".
import type { Lang } from '../../common/contract.js';

const en = {
  'session.removed.title': 'You were removed from this class.',
  'session.removed.body': 'This page no longer reaches the class. If that is a mistake, ask your instructor for a new link.',
  'session.replaced.title': 'Your link was replaced by a new one.',
  'session.replaced.body': 'A new link was issued for you, so this page stopped working. Open the new link: your labs and progress are kept.',
  'session.revoked.title': 'Your link was revoked.',
  'session.revoked.body': 'This page no longer reaches the class. Ask your instructor for a new link: your labs and progress are kept.',
  'session.tooManyTabs.title': 'Too many HA Lab pages are open.',
  'session.tooManyTabs.body': 'One person may have {limit} pages of this class open at once. Close one of the others, then reload this page.',
  'session.reload': 'Reload',
} as const;

export type SessionStringKey = keyof typeof en;

const zhCN: Record<SessionStringKey, string> = {
  'session.removed.title': '你已被移出本课程。',
  'session.removed.body': '这个页面已无法再访问课程。如果有误，请找讲师要一个新链接。',
  'session.replaced.title': '你的链接已换成新链接。',
  'session.replaced.body': '已经给你发了新链接，这个页面因此停止工作。请打开新链接，你的实验和进度都还在。',
  'session.revoked.title': '你的链接已被撤销。',
  'session.revoked.body': '这个页面已无法再访问课程。请找讲师要新链接，你的实验和进度都还在。',
  'session.tooManyTabs.title': '打开的 HA Lab 页面太多了。',
  'session.tooManyTabs.body': '同一个人最多同时打开 {limit} 个本课程的页面。请先关掉其他页面中的一个，再刷新本页。',
  'session.reload': '刷新',
};

export const sessionStrings: Record<Lang, Record<SessionStringKey, string>> = { en, 'zh-CN': zhCN };
