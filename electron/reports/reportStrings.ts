// The words of the HTML progress report, in both languages of the app.
import type { Lang } from '../../common/contract.js';

export const reportStrings: Record<Lang, Record<string, string>> = {
  en: {
    title: 'HA Lab progress',
    learner: 'Learner',
    generated: 'Generated',
    overall: 'Overall',
    steps: 'steps',
    step: 'Step',
    status: 'Status',
    earned: 'Earned',
    notEarned: 'Not yet',
    solved: 'Done with the solution (not earned)',
    attempts: 'Checks run',
    lastChecked: 'Last checked',
    noLabs: 'No lab packs found.',
  },
  'zh-CN': {
    title: 'HA Lab 学习进度',
    learner: '学员',
    generated: '生成时间',
    overall: '总体',
    steps: '步',
    step: '步骤',
    status: '状态',
    earned: '已完成',
    notEarned: '未完成',
    solved: '用参考答案完成（不计入）',
    attempts: '检查次数',
    lastChecked: '最近检查',
    noLabs: '没有找到实验包。',
  },
};
