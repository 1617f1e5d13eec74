/// <reference types="vite/client" />
// Monaco's editor worker, bundled by Vite as a module worker (no blob: or remote script needed, so the
// app's strict CSP only has to allow workers from 'self').
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
