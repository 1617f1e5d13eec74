// The editor core and only the features a config editor needs: no bundled languages (our own grammars
// are registered instead) and no language services, which keeps the bundle small.
import './monacoWorker.js';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/unicodeHighlighter/register';

import * as monaco from 'monaco-editor/editor/editor.api';

export { monaco };
