// The lint rule against learner-facing references to documents the learner does not have.
import { describe, expect, it } from 'vitest';
import { findReferences } from '../../electron/labs/lintReferences.js';
import { lintPack } from '../../electron/labs/lintPack.js';
import { MINIMAL_MANIFEST, writePack } from '../helpers/minimalPack.js';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '../../electron/util/paths.js';

const hits = (text: string, markdown = true): string[] => findReferences(text, markdown).map((f) => `${f.line}: ${/^"([^"]+)"/.exec(f.message)?.[1] ?? f.message}`);

describe('findReferences', () => {
  it.each([
    ['As seed 001 does, start keepalived.', 'seed 001'],
    ['Seed 0 calls it a heartbeat.', 'Seed 0'],
    ['See §4 for the details.', '§4'],
    ['The seed documents disagree here.', 'seed documents'],
    ['This is what the tutorial recommends.', 'the tutorial'],
    ['The tutorials describe split-brain as a network fault.', 'The tutorials'],
    ['Both tutorials set it.', 'Both tutorials'],
    ["So the document's advice is to listen on the VIP.", "the document's"],
    ['In lab 1 you started keepalived.', 'lab 1'],
    ['Labs 2 and 3 build on it.', 'Labs 2'],
    ['The pair of the first lab is back.', 'the first lab'],
    ['That is the next lab.', 'the next lab'],
    ['按种子 001 的写法配置。', '种子 001'],
    ['种子文档里没有这一步。', '种子文档'],
    ['教程把脑裂描述成网络问题。', '教程'],
    ['地址与原教程一致。', '教程'],
    ['文档给出了三种方法。', '文档'],
    ['这一对来自实验 1。', '实验 1'],
    ['和第一个实验一样。', '第一个实验'],
    ['第 2 个实验会讲 nopreempt。', '第 2 个实验'],
    ['这是下一个实验的内容。', '下一个实验'],
    ['seed 001 出现在中文里。', 'seed 001'],
  ])('flags %j', (text, hit) => {
    expect(hits(text)).toEqual([`1: ${hit}`]);
  });

  it.each([
    'A widely copied tutorial writes `state MASTR`; in fact keepalived refuses it.',
    'The tutorial writes `priority 100` on both nodes.',
    'The tutorials call it "heartbeat"; keepalived calls it an advert.',
    'Many tutorials call the advert a heartbeat.',
    'Some tutorials put nopreempt under state MASTER.',
    'Set the document root to /data/www.',
    "keepalived's documentation says otherwise.",
    'Step 1 writes the file; the lab list shows every lab.',
    'The VIP is 10.0.0.3 and the lab 10.0.0.0/24 network holds it.',
    'Open [The first VRRP pair](lab:vrrp-pair) again.',
    'Write `seed` nowhere: seeds of randomness are not a thing here.',
    '网上流传很广的一份教程写的是 `state MASTR`，实际上 keepalived 会拒绝它。',
    '很多教程把通告叫作心跳。',
    '有些教程把 nopreempt 放在 MASTER 上。',
    '官方文档对此另有说明。',
    '这个实验有 4 步，第 1 步写配置。',
    '本实验的网络是 10.0.0.0/24。',
  ])('passes %j', (text) => {
    expect(hits(text)).toEqual([]);
  });

  it('reads quotes per sentence and names the line of each hit', () => {
    const text = ['# Title', '', 'The tutorial writes `weight 2`. Then the tutorial', 'moves on without a quote.', '', '```bash', '# seed 001 §4', 'echo the tutorial', '```'].join('\n');
    expect(hits(text)).toEqual(['3: the tutorial', '7: seed 001', '7: §4']);
  });

  it('also reads lab.yaml strings as written (not Markdown)', () => {
    expect(hits('>-\n  Follow lab 1, then\n  the tutorials.', false)).toEqual(['2: lab 1', '3: the tutorials']);
  });
});

describe('pack lint: references', () => {
  it('warns with file:line in step texts and learner-visible lab.yaml strings, not in sources or comments', async () => {
    const manifest = MINIMAL_MANIFEST.replace(
      'summary: { en: One node, zh-CN: 一个节点 }',
      '# Follows seed 001 §7.\nsummary: { en: One node as in lab 1, zh-CN: 一个节点 }\nsources: [seed 001 §7]',
    ).replace('hint: { en: Write it, zh-CN: 写它 }', 'hint: { en: Write it, zh-CN: 按教程写它 }');
    const dir = await writePack(manifest, { 'steps/en.md': '# First\n\nAs seed 002 shows.\n' });
    const found = (await lintPack(dir)).filter((f) => /learner does not have|no card/.test(f.message)).map((f) => `${f.file.slice(dir.length + 1)}:${f.line}`);
    expect(found.sort()).toEqual(['lab.yaml:27', 'lab.yaml:5', 'steps/en.md:3']);
  });
});

describe('the built-in packs', () => {
  it('lint without a single finding: no reference to a document the learner lacks, no positional lab reference', async () => {
    const labs = join(projectRoot(), 'labs');
    const packs = (await readdir(labs, { withFileTypes: true })).filter((d) => d.isDirectory() && existsSync(join(labs, d.name, 'lab.yaml')));
    expect(packs.length).toBeGreaterThanOrEqual(14);
    const findings: string[] = [];
    for (const p of packs) for (const f of await lintPack(join(labs, p.name))) findings.push(`${p.name}: ${f.file}:${f.line} ${f.message}`);
    expect(findings).toEqual([]);
  }, 60_000);
});
