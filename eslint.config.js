// Lint enforces the layering of ARCHITECTURE.md §2: what may import what is checked here, not remembered.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';

const SLUGS = ['kasushou', 'kuaimai', 'duomai', 'unionhome', 'itboye'];
const FACES = ['**/electron/**', '**/preload/**', '**/web/**', '**/cli/**'];

/** One `no-restricted-imports` rule from groups of forbidden import patterns. */
function forbid(groups, extraPaths = []) {
  return {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        paths: [{ name: 'electron', message: 'Only src-main/electron and src-main/preload may import electron (ARCHITECTURE §1).' }, ...extraPaths],
        patterns: groups.map(([group, message, allowTypeImports = false]) => ({ group, message, allowTypeImports })),
      },
    ],
  };
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-nocheck': true, 'ts-ignore': true, 'ts-expect-error': 'allow-with-description' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
    rules: { 'vue/multi-word-component-names': 'off', 'vue/max-attributes-per-line': 'off', 'vue/singleline-html-element-content-newline': 'off', 'vue/html-self-closing': 'off' },
  },
  {
    files: ['src-renderer/**/*.{ts,vue}', 'test/renderer/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer is untrusted: it talks to main only through api/client.ts.' }],
          patterns: [{ group: ['**/src-main/**'], allowTypeImports: true, message: 'The renderer may import only types from src-main (import type).' }],
        },
      ],
    },
  },
  // ── the Electron-free core and its layers ──
  {
    files: ['src-main/domain/**/*.ts'],
    rules: forbid([[['../*', '!../domain/**'], 'domain imports nothing of ours outside domain/.']]),
  },
  {
    files: ['src-main/db/**/*.ts'],
    rules: forbid([[['**/providers/**', '**/sync/**', '**/services/**', '**/api/**', ...FACES], 'db imports only domain (and the vault key-slot types).']]),
  },
  ...SLUGS.map((slug) => ({
    files: [`src-main/providers/${slug}/**/*.ts`],
    rules: forbid([
      [SLUGS.filter((s) => s !== slug).map((s) => `**/${s}/**`), 'A provider folder never imports another provider (ARCHITECTURE §2).'],
      [['**/db/**', '**/sync/**', '**/services/**', '**/api/**', '**/secrets/**', ...FACES], 'Providers import only providers/*.ts and domain.'],
    ]),
  })),
  {
    files: ['src-main/providers/*.ts'],
    ignores: ['src-main/providers/registry.ts'],
    rules: forbid([[[...SLUGS.map((s) => `./${s}/**`), '**/db/**', '**/sync/**', '**/services/**', '**/api/**', ...FACES], 'Shared provider files know no single provider.']]),
  },
  {
    files: ['src-main/sync/**/*.ts'],
    rules: forbid([
      [['**/services/**', ...FACES], 'sync imports providers and repositories, not services or faces.'],
      [['**/api/**'], 'sync may use the contract only for its event types (import type).', true],
    ]),
  },
  {
    files: ['src-main/services/**/*.ts', 'src-main/secrets/**/*.ts', 'src-main/logging/**/*.ts', 'src-main/api/**/*.ts'],
    rules: forbid([[FACES, 'The core never imports a face.']]),
  },
  {
    files: ['src-main/web/**/*.ts', 'src-main/cli/**/*.ts'],
    rules: forbid([[['**/electron/**', '**/preload/**'], 'Web and CLI faces run without Electron.']]),
  },
  {
    files: ['src-main/electron/**/*.ts', 'src-main/preload/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    files: ['scripts/**/*.mjs', 'test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
