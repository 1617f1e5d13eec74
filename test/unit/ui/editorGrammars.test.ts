// @vitest-environment happy-dom
// The grammars, run through Monaco's own tokenizer: representative lines of keepalived.conf, nginx and
// shell scripts must come out with the right token kinds.
import { beforeAll, describe, expect, it } from 'vitest';
import * as monaco from 'monaco-editor/editor/editor.api';
import { registerEditorLanguages } from '../../../renderer/editor/registerLanguages.js';

type Pair = [string, string];

/** Tokens of each line as [text, kind] without whitespace, the language postfix removed. */
function tokenize(text: string, language: string): Pair[][] {
  const lines = text.split('\n');
  return monaco.editor.tokenize(text, language).map((tokens, i) => {
    const line = lines[i] ?? '';
    return tokens
      .map((tok, j): Pair => [line.slice(tok.offset, tokens[j + 1]?.offset ?? line.length), tok.type.replace(`.${language}`, '')])
      .filter(([t, kind]) => t.trim() !== '' && kind !== 'white');
  });
}
const line = (text: string, language: string): Pair[] => tokenize(text, language)[0] ?? [];
const kindOf = (pairs: Pair[], text: string): string | undefined => pairs.find(([t]) => t === text)?.[1];

beforeAll(() => {
  registerEditorLanguages(monaco);
  registerEditorLanguages(monaco); // idempotent
}, 60_000);

describe('keepalived grammar', () => {
  it('colours blocks, keywords, values, addresses, numbers and both comment styles', () => {
    expect(line('vrrp_instance VI_1 {', 'keepalived')).toEqual([
      ['vrrp_instance', 'keyword.block'],
      ['VI_1', 'identifier'],
      ['{', 'delimiter.curly'],
    ]);
    expect(line('    state MASTER', 'keepalived')).toEqual([
      ['state', 'keyword'],
      ['MASTER', 'constant'],
    ]);
    expect(line('    priority 150   # the higher wins', 'keepalived')).toEqual([
      ['priority', 'keyword'],
      ['150', 'number'],
      ['# the higher wins', 'comment'],
    ]);
    expect(line('! Configuration File for keepalived', 'keepalived')).toEqual([['! Configuration File for keepalived', 'comment']]);
    expect(line('        10.0.0.3/24 dev eth0 label eth0:1', 'keepalived')).toEqual([
      ['10.0.0.3/24', 'number.ip'],
      ['dev', 'keyword'],
      ['eth0', 'identifier'],
      ['label', 'keyword'],
      ['eth0:1', 'identifier'],
    ]);
    expect(line('    script "/usr/bin/killall -0 nginx"', 'keepalived')).toEqual([
      ['script', 'keyword'],
      ['"/usr/bin/killall -0 nginx"', 'string'],
    ]);
    expect(line('    weight -20', 'keepalived')).toEqual([
      ['weight', 'keyword'],
      ['-20', 'number'],
    ]);
  });

  it('knows the lab keywords and leaves a typo uncoloured', () => {
    const kinds = tokenize(
      [
        'global_defs {',
        'vrrp_script chk_nginx {',
        'interval 2',
        'fall 3',
        'rise 2',
        'track_script {',
        'virtual_ipaddress {',
        'authentication {',
        'auth_type PASS',
        'nopreempt',
        'advert_int 1',
        'virtual_router_id 51',
        'unicast_peer {',
        'state BACKUP',
        'priorty 100',
      ].join('\n'),
      'keepalived',
    ).map((l) => l[0]);
    expect(kinds).toEqual([
      ['global_defs', 'keyword.block'],
      ['vrrp_script', 'keyword.block'],
      ['interval', 'keyword'],
      ['fall', 'keyword'],
      ['rise', 'keyword'],
      ['track_script', 'keyword.block'],
      ['virtual_ipaddress', 'keyword.block'],
      ['authentication', 'keyword.block'],
      ['auth_type', 'keyword'],
      ['nopreempt', 'keyword'],
      ['advert_int', 'keyword'],
      ['virtual_router_id', 'keyword'],
      ['unicast_peer', 'keyword.block'],
      ['state', 'keyword'],
      ['priorty', 'identifier'],
    ]);
    expect(kindOf(line('auth_type PASS', 'keepalived'), 'PASS')).toBe('constant');
    expect(kindOf(line('state BACKUP', 'keepalived'), 'BACKUP')).toBe('constant');
  });
});

describe('nginx grammar', () => {
  it('colours directives, blocks, variables, strings, addresses and comments', () => {
    expect(line('server {', 'nginx')).toEqual([
      ['server', 'keyword.block'],
      ['{', 'delimiter.curly'],
    ]);
    expect(line('    listen 10.0.0.3:80 default_server; # the VIP', 'nginx')).toEqual([
      ['listen', 'keyword'],
      ['10.0.0.3:80', 'number.ip'],
      ['default_server', 'constant'],
      [';', 'delimiter'],
      ['# the VIP', 'comment'],
    ]);
    expect(line('proxy_set_header Host $host;', 'nginx')).toEqual([
      ['proxy_set_header', 'keyword'],
      ['Host', 'identifier'],
      ['$host', 'variable'],
      [';', 'delimiter'],
    ]);
    expect(line('return 200 "hello from $hostname\\n";', 'nginx')).toEqual([
      ['return', 'keyword'],
      ['200', 'number'],
      ['"hello from ', 'string'],
      ['$hostname', 'variable'],
      ['\\n', 'string.escape'],
      ['"', 'string'],
      [';', 'delimiter'],
    ]);
    expect(line('upstream backend { server 10.0.0.7:80 weight=2; }', 'nginx').slice(0, 4)).toEqual([
      ['upstream', 'keyword.block'],
      ['backend', 'identifier'],
      ['{', 'delimiter.curly'],
      ['server', 'keyword.block'],
    ]);
    expect(line('proxy_pass http://backend;', 'nginx')).toEqual([
      ['proxy_pass', 'keyword'],
      ['http://backend', 'string.path'],
      [';', 'delimiter'],
    ]);
    expect(line('keepalive_timeout 65s;', 'nginx')).toEqual([
      ['keepalive_timeout', 'keyword'],
      ['65s', 'number'],
      [';', 'delimiter'],
    ]);
  });

  it('colours regex locations and plain ones', () => {
    expect(line('location ~* \\.(png|jpg)$ {', 'nginx')).toEqual([
      ['location', 'keyword.block'],
      ['~*', 'operator'],
      ['\\.(png|jpg)$', 'regexp'],
      ['{', 'delimiter.curly'],
    ]);
    expect(line('location = /health {', 'nginx')).toEqual([
      ['location', 'keyword.block'],
      ['=', 'operator'],
      ['/health', 'string.path'],
      ['{', 'delimiter.curly'],
    ]);
    expect(kindOf(line('if ($http_user_agent ~* curl) { return 403; }', 'nginx'), 'curl')).toBe('regexp');
    expect(kindOf(line('rewrite ^/old/(.*)$ /new/$1 permanent;', 'nginx'), '^/old/(.*)$')).toBe('regexp');
  });

  it('keeps the statement state across lines and a typo is still a directive position', () => {
    const lines = tokenize("log_format main\n    '$remote_addr';\nlocaton / {", 'nginx');
    // The second line continues log_format's arguments: a string, not a directive.
    expect(lines[1]).toEqual([
      ["'$remote_addr'", 'string'],
      [';', 'delimiter'],
    ]);
    expect(lines[2]?.[0]).toEqual(['locaton', 'keyword']);
    expect(lines[2]?.[1]).toEqual(['/', 'string.path']);
  });
});

describe('shell grammar', () => {
  it('colours comments, keywords, variables and strings', () => {
    expect(line('#!/bin/bash', 'shell')).toEqual([['#!/bin/bash', 'comment.shebang']]);
    expect(line('if ! pidof nginx >/dev/null; then exit 1; fi # check', 'shell')).toEqual([
      ['if', 'keyword'],
      ['!', 'identifier'],
      ['pidof', 'identifier'],
      ['nginx', 'identifier'],
      ['>', 'operator'],
      ['/dev/null', 'identifier'],
      [';', 'operator'],
      ['then', 'keyword'],
      ['exit', 'keyword'],
      ['1', 'number'],
      [';', 'operator'],
      ['fi', 'keyword'],
      ['# check', 'comment'],
    ]);
    expect(line('echo "state $1 on ${HOST}"', 'shell')).toEqual([
      ['echo', 'identifier'],
      ['"state ', 'string'],
      ['$1', 'variable'],
      [' on ', 'string'],
      ['${HOST}', 'variable'],
      ['"', 'string'],
    ]);
  });
});
