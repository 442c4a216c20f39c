// Proves the runtime boundaries of eslint.config.js (HOUSE_STYLE.md, "The shape of the house"):
// lints virtual files (never written to disk) in each folder with the real config, one import per
// line, and checks exactly the banned lines are reported by a boundary rule.
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
// The TypeScript project service only knows files on disk, so type-aware rules are switched off for
// these virtual files. No boundary rule needs types; everything else is the real config.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: [{ files: ['**/*.{ts,tsx}'], ...tseslint.configs.disableTypeChecked }],
});

/** Rules that enforce boundaries or forbid code evaluation; other findings (unused vars...) are ignored. */
const boundaryRules = new Set([
  'no-restricted-imports',
  'no-restricted-syntax',
  'import-x/no-restricted-paths',
  'no-eval',
  'no-new-func',
  'no-implied-eval',
  '@typescript-eslint/no-implied-eval',
]);

interface Case {
  /** One line of code, usually an import. */
  code: string;
  banned: boolean;
}

const banned = (code: string): Case => ({ code, banned: true });
const allowed = (code: string): Case => ({ code, banned: false });

/** Lints `cases` as one virtual file and returns the banned lines and the reported lines, as code. */
async function lintVirtual(filePath: string, cases: Case[]) {
  const text = cases.map((c) => c.code).join('\n') + '\n';
  const [result] = await eslint.lintText(text, { filePath: resolve(root, filePath) });
  if (!result) throw new Error(`ESLint returned no result for ${filePath}`);
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal, `parse errors in ${filePath}`).toEqual([]);
  const reportedLines = new Set(result.messages.filter((m) => m.ruleId !== null && boundaryRules.has(m.ruleId)).map((m) => m.line));
  return {
    expected: cases.filter((c) => c.banned).map((c) => c.code),
    reported: cases.filter((_, index) => reportedLines.has(index + 1)).map((c) => c.code),
    messages: result.messages,
  };
}

// Imports of real files, so import-x/no-restricted-paths can resolve them.
const mainElectronFromTop = '../src-main/electron/main.ts';
const rendererAppFromTop = '../src-renderer/app/app.tsx';

describe('runtime boundaries in eslint.config.js', () => {
  it('src-shared: no Node built-ins, electron, UI libraries, src-main, src-renderer or code evaluation', async () => {
    const { expected, reported } = await lintVirtual('src-shared/__boundary_probe__.ts', [
      banned(`import 'node:fs';`),
      banned(`import 'node:fs/promises';`),
      banned(`import 'fs';`),
      banned(`import 'path';`),
      banned(`import 'node:child_process';`),
      banned(`import 'crypto';`),
      banned(`import 'os';`),
      banned(`import 'http';`),
      banned(`import 'electron';`),
      banned(`import 'react';`),
      banned(`import 'react-dom/client';`),
      banned(`import 'react/jsx-runtime';`),
      banned(`import type { Node } from '@xyflow/react';`),
      banned(`import '@xyflow/system';`),
      banned(`import 'zustand';`),
      banned(`import 'zustand/vanilla';`),
      banned(`import 'vm';`),
      banned(`import 'node:vm';`),
      banned(`import '${mainElectronFromTop}';`),
      banned(`import '${rendererAppFromTop}';`),
      banned(`export const dynamic = () => import('node:fs');`),
      banned(`export const viaEval = () => eval('1') as unknown;`),
      banned(`export const viaFunction = () => new Function('return 1') as unknown;`),
      allowed(`import 'zod';`),
      allowed(`import 'jsonata';`),
      allowed(`import './workflow/schema.ts';`),
      allowed(`import type { Node as N2 } from './nodes/ports.ts';`),
      allowed(`export const later = () => import('./errors/catalogue.ts');`),
    ]);
    expect(reported).toEqual(expected);
  });

  it('src-shared tests may use Node built-ins, but still not electron, UI libraries or vm', async () => {
    const { expected, reported } = await lintVirtual('src-shared/workflow/__boundary_probe__.test.ts', [
      allowed(`import 'node:fs';`),
      allowed(`import 'node:os';`),
      allowed(`import 'node:path';`),
      allowed(`import 'vitest';`),
      banned(`import 'electron';`),
      banned(`import 'react';`),
      banned(`import 'node:vm';`),
      banned(`import '../${mainElectronFromTop}';`),
    ]);
    expect(reported).toEqual(expected);
  });

  it('src-shared floors: the engine imports node types, node types never import the engine', async () => {
    const nodes = await lintVirtual('src-shared/nodes/__boundary_probe__.ts', [
      banned(`import { createEngine } from '../engine/engine.ts';`),
      banned(`import type { EngineServices } from '../engine/services.ts';`),
      banned(`export const later = () => import('../engine/events.ts');`),
      allowed(`import type { Clock } from '../services/clock.ts';`),
      allowed(`import type { NodeMemory } from '../memory/node-memory.ts';`),
      allowed(`import type { NodeRegistry } from './registry.ts';`),
    ]);
    expect(nodes.reported).toEqual(nodes.expected);
    const nodeType = await lintVirtual('src-shared/nodes/types/agent/__boundary_probe__.ts', [
      banned(`import type { RunScope } from '../../../engine/run-scope.ts';`),
      allowed(`import type { NodeContext } from '../../define-node-type.ts';`),
    ]);
    expect(nodeType.reported).toEqual(nodeType.expected);
    // A node type's test may run it through the real engine: nothing that ships imports a test.
    const nodeTest = await lintVirtual('src-shared/nodes/types/__boundary_probe__.test.ts', [
      allowed(`import { createEngine } from '../../engine/engine.ts';`),
    ]);
    expect(nodeTest.reported).toEqual(nodeTest.expected);
    const engine = await lintVirtual('src-shared/engine/__boundary_probe__.ts', [
      allowed(`import type { NodeRegistry } from '../nodes/registry.ts';`),
      allowed(`import type { Clock } from '../services/clock.ts';`),
    ]);
    expect(engine.reported).toEqual(engine.expected);
  });

  it('src-renderer: no Node built-ins, electron or src-main', async () => {
    const { expected, reported } = await lintVirtual('src-renderer/__boundary_probe__.tsx', [
      banned(`import 'node:fs';`),
      banned(`import 'path';`),
      banned(`import 'electron';`),
      banned(`import '${mainElectronFromTop}';`),
      banned(`import 'node:vm';`),
      banned(`export const dynamic = () => import('electron');`),
      allowed(`import 'react';`),
      allowed(`import 'react-dom/client';`),
      allowed(`import '@xyflow/react';`),
      allowed(`import 'zustand';`),
      allowed(`import '../src-shared/workflow/schema.ts';`),
      allowed(`import './app.tsx';`),
    ]);
    expect(reported).toEqual(expected);
  });

  // The renderer's floors: editor <- session <- kit <- panels <- app (imports of real files, so the zones resolve them).
  it('src-renderer/editor: pure editor logic, importing no floor above it', async () => {
    const { expected, reported } = await lintVirtual('src-renderer/editor/__boundary_probe__.ts', [
      allowed(`import './graph-conversion.ts';`),
      allowed(`import '../../src-shared/workflow/schema.ts';`),
      banned(`import '../session/api-context.ts';`),
      banned(`import '../kit/json-field.tsx';`),
      banned(`import '../panels/canvas/canvas.tsx';`),
      banned(`import '../app/app.tsx';`),
      banned(`import '../api/ws-transport.ts';`),
    ]);
    expect(reported).toEqual(expected);
  });

  it('src-renderer/session: stores and API calls, importing neither widgets, panels nor the shell', async () => {
    const { expected, reported } = await lintVirtual('src-renderer/session/__boundary_probe__.ts', [
      allowed(`import '../editor/graph-conversion.ts';`),
      allowed(`import './api-context.ts';`),
      banned(`import '../kit/json-field.tsx';`),
      banned(`import '../panels/run/run-panel.tsx';`),
      banned(`import '../app/app.tsx';`),
    ]);
    expect(reported).toEqual(expected);
  });

  it('src-renderer/kit: widgets that know no feature, importing neither the session nor panels', async () => {
    const { expected, reported } = await lintVirtual('src-renderer/kit/__boundary_probe__.tsx', [
      allowed(`import '../editor/clipboard.ts';`),
      allowed(`import './value-view.tsx';`),
      allowed(`import '../test-ids.ts';`),
      banned(`import '../session/api-context.ts';`),
      banned(`import '../session/workspace-context.ts';`),
      banned(`import '../panels/trace/trace-panel.tsx';`),
      banned(`import '../app/app.tsx';`),
    ]);
    expect(reported).toEqual(expected);
  });

  it('src-renderer/panels: a panel imports its own files, the session, kit and editor, never another panel or the shell', async () => {
    const { expected, reported } = await lintVirtual('src-renderer/panels/compare/__boundary_probe__.tsx', [
      allowed(`import './compare-detail.tsx';`),
      allowed(`import '../../session/workspace-context.ts';`),
      allowed(`import '../../kit/value-view.tsx';`),
      allowed(`import '../../editor/catalogue.ts';`),
      banned(`import '../trace/trace-panel.tsx';`),
      banned(`import '../history/history-panel.tsx';`),
      banned(`import '../../app/bottom-dock.tsx';`),
    ]);
    expect(reported).toEqual(expected);
  });

  it('src-renderer/api: transports know nothing of the floors', async () => {
    const { expected, reported } = await lintVirtual('src-renderer/api/__boundary_probe__.ts', [
      allowed(`import '../../src-shared/api/socket-transport.ts';`),
      banned(`import '../session/api-context.ts';`),
      banned(`import '../editor/graph-conversion.ts';`),
    ]);
    expect(reported).toEqual(expected);
  });

  for (const folder of ['host', 'cli', 'services', 'engine-process']) {
    it(`src-main/${folder}: Node is fine, electron and src-main/electron are not`, async () => {
      const { expected, reported } = await lintVirtual(`src-main/${folder}/__boundary_probe__.ts`, [
        allowed(`import 'node:fs';`),
        allowed(`import 'node:child_process';`),
        allowed(`import 'zod';`),
        allowed(`import '../../src-shared/workflow/schema.ts';`),
        banned(`import 'electron';`),
        banned(`import 'electron/main';`),
        banned(`import '../electron/main.ts';`),
        banned(`import '../../src-renderer/app/app.tsx';`),
        banned(`import 'node:vm';`),
      ]);
      expect(reported).toEqual(expected);
    });
  }

  it('src-main floors: services never import host, serve, engine-process or cli; host never those above it; serve never cli', async () => {
    const cases: [string, Case[]][] = [
      [
        'src-main/services/__boundary_probe__.ts',
        [
          allowed(`import './atomic-write.ts';`),
          banned(`import '../host/host.ts';`),
          banned(`import '../serve/server.ts';`),
          banned(`import '../engine-process/port-api.ts';`),
          banned(`import '../cli/exit-codes.ts';`),
        ],
      ],
      [
        'src-main/host/__boundary_probe__.ts',
        [
          allowed(`import '../services/atomic-write.ts';`),
          banned(`import '../serve/server.ts';`),
          banned(`import '../engine-process/port-api.ts';`),
          banned(`import '../cli/exit-codes.ts';`),
        ],
      ],
      [
        'src-main/serve/__boundary_probe__.ts',
        [allowed(`import '../host/host.ts';`), banned(`import '../cli/exit-codes.ts';`), banned(`import '../engine-process/port-api.ts';`)],
      ],
      [
        'src-main/engine-process/__boundary_probe__.ts',
        [
          allowed(`import '../host/api/api-handlers.ts';`),
          allowed(`import '../services/data-dir.ts';`),
          allowed(`import '../../src-shared/api/message-port.ts';`),
          banned(`import '../serve/ws-api.ts';`),
          banned(`import '../cli/exit-codes.ts';`),
        ],
      ],
      ['src-main/electron/__boundary_probe__.ts', [allowed(`import '../engine-process/control.ts';`)]],
      ['src-main/serve/__boundary_probe__.test.ts', [allowed(`import '../cli/exit-codes.ts';`)]],
      ['src-main/cli/__boundary_probe__.ts', [allowed(`import '../serve/server.ts';`), allowed(`import '../host/host.ts';`)]],
    ];
    for (const [filePath, lines] of cases) {
      const { expected, reported } = await lintVirtual(filePath, lines);
      expect(reported, filePath).toEqual(expected);
    }
  });

  it('src-main/electron: the only place that may import electron', async () => {
    const { expected, reported } = await lintVirtual('src-main/electron/__boundary_probe__.ts', [
      allowed(`import 'electron';`),
      allowed(`import 'node:path';`),
      allowed(`import './main.ts';`),
      allowed(`import '../../src-shared/workflow/schema.ts';`),
      banned(`import 'node:vm';`),
      banned(`import 'vm';`),
    ]);
    expect(reported).toEqual(expected);
  });

  it('everything else (scripts, e2e, bench): no electron, no vm', async () => {
    for (const filePath of ['scripts/__boundary_probe__.ts', 'e2e/__boundary_probe__.ts', 'bench/__boundary_probe__.ts']) {
      const { expected, reported } = await lintVirtual(filePath, [
        allowed(`import 'node:fs';`),
        allowed(`import 'electron-vite';`),
        allowed(`import 'playwright-core';`),
        banned(`import 'electron';`),
        banned(`import '${mainElectronFromTop}';`),
        banned(`import 'node:vm';`),
      ]);
      expect(reported, filePath).toEqual(expected);
    }
  });

  it('says where a node type finds what it needs instead of the engine', async () => {
    const { messages } = await lintVirtual('src-shared/nodes/__boundary_probe__.ts', [banned(`import '../engine/services.ts';`)]);
    const message = messages.find((m) => m.ruleId === 'import-x/no-restricted-paths');
    expect(message?.message).toContain('must not import the engine');
    expect(message?.message).toContain('src-shared/services/');
  });

  it('reports a boundary violation with a message that says what to do', async () => {
    const { messages } = await lintVirtual('src-shared/__boundary_probe__.ts', [banned(`import { readFileSync } from 'node:fs';`)]);
    const message = messages.find((m) => m.ruleId === 'no-restricted-imports');
    expect(message?.message).toContain('no Node built-ins');
    expect(message?.message).toContain('service argument');
  });
});
