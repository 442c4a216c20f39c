// ESLint flat config for Operon.
//
// Besides type-aware TypeScript rules, this file enforces the runtime boundaries of HOUSE_STYLE.md:
// folders are sorted by where their code runs, and an import from the wrong layer fails lint.
//   - module bans (node built-ins, electron, UI libraries, vm): `no-restricted-imports` for static imports
//     and `no-restricted-syntax` for dynamic `import('...')`;
//   - folder bans (src-shared -> src-main, ...): `import-x/no-restricted-paths`, which resolves the import
//     to a real file, so `../../src-main/x.ts` is caught whatever the relative path looks like. The same rule
//     keeps the floors inside src-shared: the engine imports node types, node types never import the engine.
// A file gets exactly one set of bans (flat config replaces rule options, it does not merge them), so
// every folder's set is built below from the same building blocks.
// scripts/lint-boundaries.test.ts proves each boundary on virtual files.

import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;

// ---------------------------------------------------------------------------------------------
// Restricted modules, by concern. Each entry bans module specifiers matching `regex` (tested
// against the whole specifier, e.g. 'node:fs/promises', 'react/jsx-runtime').

// Prefix-only modules ('node:test', 'node:sqlite'...) are covered by '^node:'; vm has its own ban below.
const nodeBuiltinNames = [
  ...new Set(builtinModules.filter((name) => !name.startsWith('node:') && name !== 'vm').map((name) => name.split('/')[0])),
];

/** @typedef {{ regex: string, message: string }} Ban */

/** @param {string} message @returns {Ban} */
const nodeBuiltins = (message) => ({
  regex: `^(node:(?!vm$)|(${nodeBuiltinNames.join('|')})(/|$))`,
  message,
});

/** Files of src-main/electron/ that must never import electron, so the e2e fixtures may use them (see below). */
const ELECTRON_FREE_SHELL_PARTS = ['src-main/electron/provider-keys.ts', 'src-main/electron/testing/reversible-safe-storage.ts'];

/** @type {Ban} */
const electron = {
  regex: '^electron(/|$)',
  message: 'Only src-main/electron/ may import electron: the engine, host, CLI and tests must run without it.',
};

/** @type {Ban} */
const uiLibraries = {
  regex: '^(react|react-dom|zustand)(/|$)|^@xyflow/',
  message: 'src-shared must not depend on React, @xyflow or zustand: UI code belongs in src-renderer/.',
};

/** @type {Ban} */
const vm = {
  regex: '^(node:)?vm$',
  message: 'node:vm is forbidden everywhere: never evaluate code strings (expressions go through src-shared/expressions/).',
};

const sharedNoNode = nodeBuiltins(
  'src-shared is pure TypeScript that runs in the browser and in Node: no Node built-ins. ' +
    'Take the capability as a service argument (src-shared/services/, src-shared/engine/services.ts).',
);
const rendererNoNode = nodeBuiltins(
  'src-renderer runs in the browser: no Node built-ins. Ask the main process through the typed API client.',
);

/**
 * `no-restricted-imports` + `no-restricted-syntax` (dynamic import) for one folder.
 * @param {Ban[]} bans
 */
function banModules(bans) {
  // esquery regex literals cannot contain '/', so the dynamic-import selector spells it \u002F.
  const esqueryRegex = (/** @type {string} */ regex) => regex.replaceAll('/', '\\u002F');
  return {
    'no-restricted-imports': ['error', { patterns: bans.map(({ regex, message }) => ({ regex, message })) }],
    'no-restricted-syntax': [
      'error',
      ...bans.map(({ regex, message }) => ({
        selector: `ImportExpression[source.value=/${esqueryRegex(regex)}/]`,
        message,
      })),
    ],
  };
}

const codeFiles = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}';

// ---------------------------------------------------------------------------------------------
// The renderer's floors (HOUSE_STYLE.md, "The renderer"), each importing only from the floors below it:
//   editor/  pure editor logic (graph conversion, connection rules, commands)
//   session/ every store and every API call for the open workspace and workflow
//   kit/     widgets that know no feature
//   panels/  one folder per feature, views only; a panel never imports another panel
//   app/     the shell that places the panels
// api/ holds the transports, which know nothing of the floors; test-ids.ts and the CSS are shared by all.
const rendererFloors = {
  editor: ['session', 'kit', 'panels', 'app', 'api'],
  session: ['kit', 'panels', 'app'],
  kit: ['session', 'panels', 'app'],
  panels: ['app'],
  api: ['editor', 'session', 'kit', 'panels', 'app'],
};
const rendererFloorZones = Object.entries(rendererFloors).map(([floor, above]) => ({
  target: `./src-renderer/${floor}`,
  from: above.map((name) => `./src-renderer/${name}`),
  message:
    `src-renderer/${floor}/ must not import ${above.map((name) => `${name}/`).join(', ')}: ` +
    'editor <- session <- kit <- panels <- app, each floor imports only the floors below (docs/architecture.md).',
}));
/** One zone per panel folder: it may import its own files, never another panel's (features meet in session/). */
const panelZones = readdirSync(`${root}/src-renderer/panels`, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map(({ name }) => ({
    target: `./src-renderer/panels/${name}`,
    from: './src-renderer/panels',
    except: [`./${name}`],
    message: `src-renderer/panels/${name}/ must not import another panel: share state through session/ and widgets through kit/.`,
  }));

// ---------------------------------------------------------------------------------------------

export default defineConfig([
  globalIgnores(['node_modules/', 'out/', 'dist/', 'resources/', 'e2e/artifacts/', 'coverage/', 'test-results/']),

  js.configs.recommended,

  {
    name: 'operon/typescript',
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [tseslint.configs.recommendedTypeChecked, tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: root,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'separate-type-imports' }],
      // With verbatimModuleSyntax, `import { type A } from 'x'` keeps a side-effect `import 'x'`.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },

  {
    // Vitest's asymmetric matchers (expect.stringContaining, expect.any...) are typed `any`, so
    // `{ message: expect.stringContaining('x') }` is an "unsafe assignment" in every test.
    name: 'operon/tests',
    files: ['**/*.test.{ts,tsx}'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },

  {
    name: 'operon/javascript',
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },

  {
    name: 'operon/imports',
    files: [codeFiles],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts', '.cts'] },
      // Relative imports spell their `.ts` extension, so Node's resolution finds every file.
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: root,
          zones: [
            {
              target: './src-shared',
              from: ['./src-main', './src-renderer'],
              message: 'src-shared is the contract and the model: it must not import from src-main/ or src-renderer/.',
            },
            {
              // Node types see the engine only through their NodeContext and the services declared a floor below
              // (src-shared/services/, llm/, memory/). Their tests that run a type through the real engine, and
              // those tests' harnesses, may import it: nothing that ships imports them.
              target: './src-shared/nodes/**/!(*.test|*test-harness).ts',
              from: './src-shared/engine',
              message:
                'Node types must not import the engine (the engine imports them). Declare what both need a floor below, in src-shared/services/.',
            },
            {
              target: './src-renderer',
              from: './src-main',
              message: 'src-renderer talks to src-main only through the typed API client (src-shared), never by import.',
            },
            {
              target: './src-main',
              from: './src-renderer',
              message: 'src-main must not import renderer code; share it through src-shared/.',
            },
            {
              target: ['./src-main/!(electron)/**', './src-main/*', './scripts', './bench', './e2e'],
              from: './src-main/electron',
              // The parts of the shell that never import electron (banned below), so e2e/fixtures/ipc-bridge.ts can
              // play the main process with them.
              except: ELECTRON_FREE_SHELL_PARTS.map((file) => `./${path.relative('src-main/electron', file)}`),
              message: 'src-main/electron/ is the Electron shell: importing it drags electron into code that must run without it.',
            },
            // The server's floors, top down: cli -> serve -> host -> services (tests may borrow the CLI's test support).
            // engine-process/ (the desktop app's engine host, over MessagePorts) stands beside serve/ on host/.
            {
              target: './src-main/services',
              from: ['./src-main/host', './src-main/serve', './src-main/engine-process', './src-main/cli'],
              message: 'src-main/services/ are the Node adapters under the host: they never import host/, serve/, engine-process/ or cli/.',
            },
            {
              target: './src-main/host',
              from: ['./src-main/serve', './src-main/engine-process', './src-main/cli'],
              message: 'src-main/host/ serves every transport: it never imports serve/ or engine-process/ (one transport each) or cli/.',
            },
            {
              target: './src-main/serve/**/!(*.test).ts',
              from: './src-main/cli',
              message: 'src-main/serve/ is below the CLI: the CLI starts the server, never the other way round.',
            },
            {
              target: './src-main/serve',
              from: './src-main/engine-process',
              message:
                "src-main/serve/ and src-main/engine-process/ are two transports side by side: share code through host/, not each other's folder.",
            },
            {
              target: './src-main/engine-process',
              from: ['./src-main/serve', './src-main/cli'],
              message:
                "src-main/engine-process/ is the desktop app's engine host on host/: it never imports serve/ (the other transport) or cli/.",
            },
            ...rendererFloorZones,
            ...panelZones,
          ],
        },
      ],
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error', // TS files use @typescript-eslint/no-implied-eval (type-aware) instead.
    },
  },

  // ---- Runtime boundaries: one set of module bans per folder ---------------------------------
  {
    name: 'operon/boundaries/shared',
    files: ['src-shared/**'],
    ignores: ['src-shared/**/*.test.ts'],
    rules: banModules([sharedNoNode, electron, uiLibraries, vm]),
  },
  {
    // Tests of the shared code run in Node (Vitest): they may use node:fs, node:path, temp dirs...
    name: 'operon/boundaries/shared-tests',
    files: ['src-shared/**/*.test.ts'],
    rules: banModules([electron, uiLibraries, vm]),
  },
  {
    name: 'operon/boundaries/renderer',
    files: ['src-renderer/**'],
    languageOptions: { globals: globals.browser },
    rules: banModules([rendererNoNode, electron, vm]),
  },
  {
    name: 'operon/boundaries/main',
    files: ['src-main/**'],
    ignores: ['src-main/electron/**'],
    rules: banModules([electron, vm]),
  },
  {
    name: 'operon/boundaries/electron-shell',
    files: ['src-main/electron/**'],
    ignores: ELECTRON_FREE_SHELL_PARTS,
    rules: banModules([vm]),
  },
  {
    name: 'operon/boundaries/electron-free-shell-parts',
    files: ELECTRON_FREE_SHELL_PARTS,
    rules: banModules([electron, vm]),
  },
  {
    name: 'operon/boundaries/elsewhere',
    files: [codeFiles],
    ignores: ['src-shared/**', 'src-renderer/**', 'src-main/**'],
    rules: banModules([electron, vm]),
  },
]);
