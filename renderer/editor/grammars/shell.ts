// A small Monarch grammar for the shell scripts of the labs (keepalived check and notify scripts, crontabs):
// comments, strings with $variables, keywords, numbers and operators. Enough to read, not a bash parser.
import type { languages } from 'monaco-editor/editor/editor.api';

export const shellLanguage: languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.shell',
  keywords: [
    'if',
    'then',
    'else',
    'elif',
    'fi',
    'for',
    'while',
    'until',
    'do',
    'done',
    'case',
    'esac',
    'in',
    'function',
    'return',
    'exit',
    'local',
    'export',
    'readonly',
    'set',
    'unset',
    'shift',
    'break',
    'continue',
    'exec',
    'trap',
  ],
  brackets: [
    { open: '{', close: '}', token: 'delimiter.curly' },
    { open: '(', close: ')', token: 'delimiter.parenthesis' },
    { open: '[', close: ']', token: 'delimiter.square' },
  ],
  tokenizer: {
    root: [
      [/\s+/, 'white'],
      [/^#!.*$/, 'comment.shebang'],
      [/#.*$/, 'comment'],
      [/"/, 'string', '@dstring'],
      [/'[^']*'/, 'string'],
      [/'[^']*$/, 'string.invalid'],
      [/\$\{[^}]*\}|\$\w+|\$[#?@*$!0-9-]/, 'variable'],
      [/\$\(/, '@brackets'],
      [/[{}()[\]]/, '@brackets'],
      [/(&&|\|\||;;|[|;&<>])/, 'operator'],
      [/-?\d+(?![\w.])/, 'number'],
      [/-{1,2}[\w-]+/, 'attribute.name'],
      [/[A-Za-z_][\w-]*(?==)/, 'variable'],
      [/[A-Za-z_][\w.-]*/, { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
      [/[^\s"'$(){}[\]|;&<>]+/, 'identifier'],
      [/./, 'identifier'],
    ],
    dstring: [
      [/[^\\"$`]+/, 'string'],
      [/\$\{[^}]*\}|\$\w+|\$[#?@*$!0-9-]/, 'variable'],
      [/\\./, 'string.escape'],
      [/[$`]/, 'string'],
      [/"/, 'string', '@pop'],
    ],
  },
};

export const shellConfiguration: languages.LanguageConfiguration = {
  comments: { lineComment: '#' },
  brackets: [
    ['{', '}'],
    ['(', ')'],
    ['[', ']'],
  ],
  autoClosingPairs: [
    { open: '{', close: '}' },
    { open: '(', close: ')' },
    { open: '[', close: ']' },
    { open: '"', close: '"', notIn: ['string'] },
    { open: "'", close: "'", notIn: ['string', 'comment'] },
  ],
};
