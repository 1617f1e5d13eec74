// Strict type-aware linting for the whole TypeScript tree.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

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
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx', 'test/unit/renderer*.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { projectService: false, project: ['renderer/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
