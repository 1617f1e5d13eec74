// labs.list and labs.get: the packs, their texts in both languages, the learner's earned steps, and the
// running instance's addresses and node states when the lab runs.
import type { Handlers } from '../handlerTypes.js';
import type { LabDetail, LabSummary, Localized, NodeInfo } from '../../../common/contract.js';
import { labList } from '../../core/labList.js';
import type { LabPack } from '../../labs/loadPack.js';
import { labView, nodeStatuses } from '../../topology/manager.js';
import type { InstanceRecord } from '../../topology/instances.js';
import { editableFiles } from './editableFiles.js';
import { packAsSeen } from '../../core/labAccess.js';
import { localScope, type LearnerScope } from '../../core/learnerScope.js';

async function bothLanguages(pack: LabPack, files: { en: string; 'zh-CN': string }): Promise<Localized> {
  const [en, zh] = await Promise.all([pack.readText(files.en), pack.readText(files['zh-CN'])]);
  return { en, 'zh-CN': zh };
}

async function nodeInfos(pack: LabPack, record: InstanceRecord | undefined): Promise<NodeInfo[]> {
  const states = new Map<string, string>();
  if (record) {
    // The engine may be away: the texts still show, the nodes say so.
    const statuses = await nodeStatuses(labView(record, pack)).catch(() => []);
    for (const s of statuses) states.set(s.node, s.state);
  }
  return pack.manifest.topology.nodes.map((n) => ({ name: n.name, role: n.role, ip: n.ip, state: states.get(n.name) ?? (record ? 'unknown' : 'missing') }));
}

/** A lab as the UI shows it. `pack` must already be remapped when the lab runs (see packAsSeen). */
export async function labDetail(pack: LabPack, record: InstanceRecord | undefined, scope: LearnerScope = localScope): Promise<LabDetail> {
  const m = pack.manifest;
  const earned = (await scope.progress.load()).progress.labs[m.id]?.steps ?? {};
  const [intro, steps, nodes, files] = await Promise.all([
    m.intro ? bothLanguages(pack, m.intro) : Promise.resolve(undefined),
    Promise.all(
      m.steps.map(async (s) => {
        const earnedAt = earned[s.id]?.earnedAt;
        const solvedAt = earnedAt ? undefined : earned[s.id]?.solvedAt;
        return {
          id: s.id,
          title: s.title,
          body: await bothLanguages(pack, s.body),
          checks: s.checks.map((c) => ({ id: c.id, title: c.title })),
          ...(earnedAt ? { earnedAt } : {}),
          ...(solvedAt ? { solvedAt } : {}),
        };
      }),
    ),
    nodeInfos(pack, record),
    editableFiles(pack),
  ]);
  return {
    id: m.id,
    title: m.title,
    summary: m.summary,
    ...(m.sources.length ? { sources: m.sources } : {}),
    ...(intro ? { intro } : {}),
    steps,
    subnet: m.topology.subnet,
    vips: m.topology.vips,
    nodes,
    running: !!record,
    editableFiles: files,
    mail: m.mail,
  };
}

export async function getLab(lab: string, scope: LearnerScope = localScope): Promise<LabDetail> {
  const { pack, record } = await packAsSeen(lab, scope.instance(lab));
  return labDetail(pack, record, scope);
}

async function listLabs(scope: LearnerScope): Promise<LabSummary[]> {
  const { labs } = await labList(scope);
  // The summary the UI needs: the CLI's extras stay behind.
  return labs.map((l) => {
    const summary: LabSummary & Partial<Pick<typeof l, 'dir' | 'solved'>> = { ...l };
    delete summary.dir;
    delete summary.solved;
    return summary;
  });
}

export const labsHandlers: Handlers = {
  'labs.list': (_input, ctx) => listLabs(ctx.scope),
  'labs.get': ({ lab }, ctx) => getLab(lab, ctx.scope),
};
