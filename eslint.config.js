// Strict type-aware linting for the whole TypeScript tree.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// What the engine (electron/) may not import, wherever it is.
const ENGINE_IMPORT_RULES = [
  { group: ['**/renderer/**'], message: 'The engine does not import the UI; share types through common/.' },
  { group: ['preact', 'preact/*', '@xterm/*', 'monaco-editor', 'monaco-editor/*', 'dompurify', 'marked'], message: 'UI libraries belong in renderer/.' },
];
const DOCKERODE_ONLY_BEHIND_THE_SEAM = {
  group: ['dockerode', 'dockerode/*', 'docker-modem'],
  message: 'Containers are reached through runtime() (electron/runtime/current.js); dockerode belongs in electron/docker/ and electron/runtime/docker*.ts.',
};

const DOCKER_CLIENT_ONLY_BEHIND_THE_SEAM = {
  group: ['**/docker/client.js'],
  importNames: ['docker'],
  message: 'The dockerode client is the Docker side of the seam: use runtime() (electron/runtime/current.js).',
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-artifacts/', 'containers/', 'labs/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: { allowDefaultProject: ['vitest.config.ts', 'vite.config.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  // The UI runs in a browser: DOM globals. Its files are typed by renderer/tsconfig.json (strict, DOM, Preact
  // JSX), named explicitly so the UI's tests under test/unit use it too rather than the root tsconfig.
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx', 'test/unit/ui/**/*.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { projectService: false, project: ['renderer/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
  },
  // Layers. The engine (electron/) never reaches into the UI, the UI reaches the engine only through the API,
  // and common/ (the API contract, the lab order) is shared by both and depends on neither. The type checks
  // hold the same line for globals: electron/ has no DOM lib, renderer/ no @types/node, common/ neither.
  {
    files: ['electron/**/*.ts', 'electron/**/*.cts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...ENGINE_IMPORT_RULES, DOCKERODE_ONLY_BEHIND_THE_SEAM, DOCKER_CLIENT_ONLY_BEHIND_THE_SEAM] }] },
  },
  // The runtime seam: the engine reaches containers through runtime() (electron/runtime/containerRuntime.ts),
  // so a unit test can put a fake in its place. Only the Docker side of the seam may import dockerode; the
  // interface itself borrows its create-spec types (type-only imports, erased at build).
  {
    files: ['electron/docker/**/*.ts', 'electron/runtime/docker*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ENGINE_IMPORT_RULES }] },
  },
  {
    files: ['electron/runtime/containerRuntime.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ENGINE_IMPORT_RULES }],
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ ...DOCKERODE_ONLY_BEHIND_THE_SEAM, allowTypeImports: true }] }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/electron/**'], message: 'The UI reaches the engine through the API only; import shared types from common/.' },
            { group: ['node:*', 'fs', 'fs/*', 'path', 'child_process', 'os', 'dockerode', 'ws', 'fflate'], message: 'Node and Docker modules belong in electron/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/electron/**', '**/renderer/**'], message: 'common/ is shared by the engine and the UI and depends on neither.' },
            { group: ['node:*', 'preact', 'preact/*', '@xterm/*', 'dockerode'], message: 'common/ uses neither Node nor the DOM.' },
          ],
        },
      ],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
