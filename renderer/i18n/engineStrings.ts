// What the pages say about the Docker engines of a class with several (the instructor's engine panel, a
// learner's lab lost with its engine), in both languages. Keys are prefixed "engine.".
import type { Lang } from '../../common/contract.js';

const en = {
  'engine.title': 'Docker engines',
  'engine.titleOne': 'Docker engine',
  'engine.up': 'answering',
  'engine.lost': 'not answering since {time}',
  'engine.labs': '{running} of {capacity} labs',
  'engine.learners': 'Labs of: {names}',
  'engine.noLearners': 'No labs',
  'engine.affected': 'Affected: {names}',
  'engine.lostLabs': 'Labs lost with an engine (their learners were told; Start runs them again on another engine):',
  'engine.lostLab': '{name}: {lab} on “{engine}” at {time}',
  'engine.lostBadge': 'lab lost with engine “{engine}”',
  'engine.notice.title': 'Your lab stopped: the machine running it went away.',
  'engine.notice.body':
    '“{lab}” ran on the Docker engine “{engine}”, which stopped answering at {time}. Your saved files and your progress are kept. Press “Start lab” to run it again on another engine.',
} as const;

export type EngineStringKey = keyof typeof en;

const zhCN: Record<EngineStringKey, string> = {
  'engine.title': 'Docker 引擎',
  'engine.titleOne': 'Docker 引擎',
  'engine.up': '响应正常',
  'engine.lost': '自 {time} 起无响应',
  'engine.labs': '实验 {running}/{capacity}',
  'engine.learners': '在此运行实验的学员：{names}',
  'engine.noLearners': '没有运行中的实验',
  'engine.affected': '受影响：{names}',
  'engine.lostLabs': '因引擎失联而丢失的实验（已通知相关学员；学员点“启动实验”即可在其他引擎上重新运行）：',
  'engine.lostLab': '{name}：{lab}，引擎“{engine}”，{time}',
  'engine.lostBadge': '实验因引擎“{engine}”失联而丢失',
  'engine.notice.title': '你的实验已停止：运行它的机器已失联。',
  'engine.notice.body': '“{lab}”运行在 Docker 引擎“{engine}”上，该引擎在 {time} 停止响应。你保存的文件和进度都还在，点“启动实验”即可在其他引擎上重新运行。',
};

export const engineStrings: Record<Lang, Record<EngineStringKey, string>> = { en, 'zh-CN': zhCN };
