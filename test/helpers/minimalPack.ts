// Writes a small valid lab pack into a temp folder, for loader tests to break in one place at a time.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { makeTempDir } from './tempDirs.js';

export const MINIMAL_MANIFEST = `format: 1
id: tiny
title: { en: Tiny, zh-CN: 小实验 }
summary: { en: One node, zh-CN: 一个节点 }
topology:
  subnet: 10.0.0.0/24
  nodes:
    - name: lb01
      role: lb
      ip: 10.0.0.5
      files:
        - path: /etc/keepalived/keepalived.conf
          source: files/keepalived.conf
steps:
  - id: first
    title: { en: First, zh-CN: 第一步 }
    body: { en: steps/en.md, zh-CN: steps/zh.md }
    checks:
      - id: has-file
        kind: file
        node: lb01
        path: /etc/keepalived/keepalived.conf
        matches: ['vrrp_instance']
        title: { en: File, zh-CN: 文件 }
        hint: { en: Write it, zh-CN: 写它 }
    solution:
      run:
        - node: lb01
          run: echo vrrp_instance > /etc/keepalived/keepalived.conf
`;

export async function writePack(manifest = MINIMAL_MANIFEST, extra: Record<string, string> = {}): Promise<string> {
  const dir = makeTempDir('halab-pack-');
  const files: Record<string, string> = { 'lab.yaml': manifest, 'files/keepalived.conf': '# empty\n', 'steps/en.md': '# First\n', 'steps/zh.md': '# 第一步\n', ...extra };
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, rel)), { recursive: true });
    await writeFile(join(dir, rel), content);
  }
  return dir;
}
