// Monarch grammar for nginx configs. A statement's first word is its directive (block directives such as
// server and location open "{"); the words after it are arguments up to ";" or "{". Regex locations
// (~, ~*), if (... ~ ...) and rewrite patterns are coloured as regular expressions.
import type { languages } from 'monaco-editor/editor/editor.api';

export const nginxLanguage: languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.nginx',
  blocks: ['http', 'server', 'upstream', 'events', 'stream', 'mail', 'if', 'map', 'geo', 'types', 'limit_except', 'split_clients', 'match'],
  constants: [
    'on',
    'off',
    'default_server',
    'default',
    'backup',
    'down',
    'weight',
    'max_fails',
    'fail_timeout',
    'permanent',
    'redirect',
    'last',
    'break',
    'ssl',
    'http2',
    'reuseport',
    'ipv6only',
    'always',
    'any',
    'all',
    'deny',
    'allow',
  ],
  brackets: [
    { open: '{', close: '}', token: 'delimiter.curly' },
    { open: '(', close: ')', token: 'delimiter.parenthesis' },
  ],
  tokenizer: {
    root: [
      { include: '@whitespace' },
      [/[{}]/, '@brackets'],
      [/;/, 'delimiter'],
      [/location\b/, { token: 'keyword.block', next: '@location' }],
      [/rewrite\b/, { token: 'keyword', next: '@rewrite' }],
      // Entries of map/geo/types blocks may start with a regex or a string instead of a directive.
      [/~\*?[^\s;{}]*/, { token: 'regexp', next: '@args' }],
      [/"([^"\\]|\\.)*"/, { token: 'string', next: '@args' }],
      [/[^\s;{}#"'$]+/, { cases: { '@blocks': { token: 'keyword.block', next: '@args' }, '@default': { token: 'keyword', next: '@args' } } }],
      [/\$\{?\w+\}?/, { token: 'variable', next: '@args' }],
    ],
    args: [{ include: '@whitespace' }, [/;/, 'delimiter', '@pop'], [/[{}]/, '@brackets', '@pop'], { include: '@values' }],
    values: [
      [/"/, 'string', '@dstring'],
      [/'/, 'string', '@sstring'],
      [/\$\{?\w+\}?/, 'variable'],
      [/[()]/, '@brackets'],
      [/!?~\*?(?=\s)/, 'operator', '@regex'],
      [/(!?-[fdex]|!?=)(?=\s)/, 'operator'],
      [/\d{1,3}(\.\d{1,3}){3}(\/\d{1,2}|:\d+)?(?![\w.])/, 'number.ip'],
      [/\[[0-9a-fA-F:]+\](:\d+)?/, 'number.ip'],
      [/\d+(\.\d+)?(ms|[kKmMgGsShdwy])?(?![\w.:/])/, 'number'],
      [/[a-z]+:\/\/[^\s;{}"'$]*/, 'string.path'],
      [/[/^][^\s;{}"'$]*/, 'string.path'],
      [/[^\s;{}#"'$()]+/, { cases: { '@constants': 'constant', '@default': 'identifier' } }],
    ],
    location: [
      { include: '@whitespace' },
      [/~\*?(?=\s)/, { token: 'operator', switchTo: '@locationRegex' }],
      [/(=|\^~)(?=\s)/, 'operator'],
      [/@[\w-]+/, 'identifier'],
      [/\{/, '@brackets', '@pop'],
      [/;/, 'delimiter', '@pop'],
      [/[^\s{;]+/, 'string.path'],
    ],
    locationRegex: [{ include: '@whitespace' }, [/\{/, '@brackets', '@pop'], [/"[^"]*"|'[^']*'|[^\s{;]+/, 'regexp']],
    rewrite: [
      [/\s+/, 'white'],
      [/"[^"]*"|'[^']*'|[^\s;]+/, { token: 'regexp', switchTo: '@args' }],
    ],
    regex: [
      [/\s+/, 'white'],
      [/"[^"]*"|'[^']*'|[^\s;{)]+/, 'regexp', '@pop'],
    ],
    dstring: [
      [/[^\\"$]+/, 'string'],
      [/\$\{?\w+\}?/, 'variable'],
      [/\\./, 'string.escape'],
      [/\$/, 'string'],
      [/"/, 'string', '@pop'],
    ],
    sstring: [
      [/[^\\']+/, 'string'],
      [/\\./, 'string.escape'],
      [/'/, 'string', '@pop'],
    ],
    whitespace: [
      [/\s+/, 'white'],
      [/#.*$/, 'comment'],
    ],
  },
};

export const nginxConfiguration: languages.LanguageConfiguration = {
  comments: { lineComment: '#' },
  brackets: [
    ['{', '}'],
    ['(', ')'],
  ],
  autoClosingPairs: [
    { open: '{', close: '}' },
    { open: '(', close: ')' },
    { open: '"', close: '"', notIn: ['string', 'comment'] },
    { open: "'", close: "'", notIn: ['string', 'comment'] },
  ],
  surroundingPairs: [
    { open: '{', close: '}' },
    { open: '"', close: '"' },
    { open: "'", close: "'" },
  ],
  folding: { markers: { start: /\{\s*(#.*)?$/, end: /^\s*\}/ } },
};
