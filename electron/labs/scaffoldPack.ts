// `halab pack new`: a small pack that passes lint and the self-test as it is, to be edited from there.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UserError } from '../util/errors.js';

const manifest = (id: string): string => `# yaml-language-server: $schema=https://halab.invalid/lab-pack.schema.json
# A new lab pack. Format: labs/README.md. Self-test it: halab test-pack <this folder>
format: 1
id: ${id}
title: { en: "${id}", zh-CN: "${id}" }
summary:
  en: One keepalived node takes a virtual IP.
  zh-CN: 一台 keepalived 节点接管一个虚拟 IP。
topology:
  subnet: 10.0.0.0/24
  vips: [10.0.0.3]
  nodes:
    - { name: lb01, role: lb, ip: 10.0.0.5 }
    - { name: client, role: client, ip: 10.0.0.100 }
intro: { en: steps/en/00-intro.md, zh-CN: steps/zh-CN/00-intro.md }
steps:
  - id: take-vip
    title: { en: Take the VIP, zh-CN: 接管 VIP }
    body: { en: steps/en/01-take-vip.md, zh-CN: steps/zh-CN/01-take-vip.md }
    checks:
      # Fresh lab: keepalived is not configured, nobody holds 10.0.0.3, so this fails; after the solution it passes.
      - id: vip-on-lb01
        kind: vip
        vip: 10.0.0.3
        holder: lb01
        within: 8
        title: { en: lb01 holds 10.0.0.3, zh-CN: lb01 持有 10.0.0.3 }
        hint: { en: "Is keepalived running on lb01? Try: ip a show eth0", zh-CN: "lb01 上 keepalived 在运行吗？试试：ip a show eth0" }
    solution:
      files:
        - { node: lb01, path: /etc/keepalived/keepalived.conf, source: solution/lb01/keepalived.conf }
      run:
        - { node: lb01, run: systemctl start keepalived }
`;

const FILES: Record<string, string> = {
  'steps/en/00-intro.md': '# About this lab\n\nOne node, one virtual IP: the smallest keepalived setup.\n',
  'steps/zh-CN/00-intro.md': '# 关于本实验\n\n一个节点、一个虚拟 IP：最小的 keepalived 配置。\n',
  'steps/en/01-take-vip.md': '# Take the VIP\n\nWrite `/etc/keepalived/keepalived.conf` on lb01 with one `vrrp_instance` holding 10.0.0.3, then:\n\n```bash\nsystemctl start keepalived\nip a show eth0\n```\n',
  'steps/zh-CN/01-take-vip.md': '# 接管 VIP\n\n在 lb01 上编写 `/etc/keepalived/keepalived.conf`，定义一个持有 10.0.0.3 的 `vrrp_instance`，然后：\n\n```bash\nsystemctl start keepalived\nip a show eth0\n```\n',
  'solution/lb01/keepalived.conf':
    'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 50\n    priority 150\n    advert_int 1\n    virtual_ipaddress {\n        10.0.0.3\n    }\n}\n',
};

export async function scaffoldPack(dir: string, id: string): Promise<void> {
  if (!/^[a-z][a-z0-9-]{0,30}$/.test(id)) throw new UserError(`"${id}" is not a valid lab id (lowercase letters, digits, "-", starting with a letter).`);
  const existing = await readdir(dir).catch(() => []);
  if (existing.length) throw new UserError(`${dir} is not empty: choose a new folder.`);
  for (const [rel, content] of Object.entries({ 'lab.yaml': manifest(id), ...FILES })) {
    await mkdir(dirname(join(dir, rel)), { recursive: true });
    await writeFile(join(dir, rel), content);
  }
}
