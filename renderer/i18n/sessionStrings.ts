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
  'session.removed.title': '你已被移出本班级。',
  'session.removed.body': '这个页面已无法再连接班级。如有误，请向讲师索要新链接。',
  'session.replaced.title': '你的链接已换成新链接。',
  'session.replaced.body': '已为你签发新链接，因此这个页面已失效。请打开新链接，你的实验和进度都还在。',
  'session.revoked.title': '你的链接已被撤销。',
  'session.revoked.body': '这个页面已无法再连接班级。请向讲师索要新链接，你的实验和进度都还在。',
  'session.tooManyTabs.title': '打开的 HA Lab 页面过多。',
  'session.tooManyTabs.body': '每人最多可同时打开本班级的 {limit} 个页面。请先关闭其中一个，再刷新本页。',
  'session.reload': '刷新',
};

export const sessionStrings: Record<Lang, Record<SessionStringKey, string>> = { en, 'zh-CN': zhCN };
