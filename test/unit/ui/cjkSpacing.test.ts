// Wrapped Chinese must not show gaps between characters; Latin words, code and structure keep their spaces.
import { describe, expect, it } from 'vitest';
import { joinCjkLines, tidyCjkSpaces } from '../../../renderer/i18n/cjkSpacing.js';

describe('CJK spacing', () => {
  it('removes the space a YAML fold leaves between Chinese characters, and only there', () => {
    expect(tidyCjkSpaces('启动这对主备， 停掉主节点，观察 VIP 漂移到备节点')).toBe('启动这对主备，停掉主节点，观察 VIP 漂移到备节点');
    expect(tidyCjkSpaces('按 Host 头区分 三个站点')).toBe('按 Host 头区分三个站点');
    expect(tidyCjkSpaces('priority 150 and state MASTER')).toBe('priority 150 and state MASTER');
  });

  it('joins the wrapped lines of a Chinese paragraph and leaves headings, lists, tables and code as they are', () => {
    const untouched = [
      '',
      '- 列表一',
      '- 列表二',
      '',
      '| 节点 | 角色 |',
      '| 主节点 | 备节点 |',
      '',
      '```bash',
      'echo 主 备',
      '这一行',
      '```',
      '',
      '    (VI_1) 日志',
      '    不合并',
      'English line',
      'next English line',
    ];
    const md = ['# 标题', '第一行写到这里，', '第二行接着写 `ip a` 然后', '继续。', ...untouched].join('\n');
    expect(joinCjkLines(md).split('\n')).toEqual(['# 标题', '第一行写到这里，第二行接着写 `ip a` 然后继续。', ...untouched]);
  });
});
