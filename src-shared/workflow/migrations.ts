import type { Problem } from '../errors/operon-error.ts';
import { CURRENT_SCHEMA_VERSION } from './schema.ts';

type Document = Record<string, unknown>;

/**
 * `WORKFLOW_MIGRATIONS[n]` turns a version-n document into version n+1. Every past version keeps its
 * migration forever, and `fixtures/versions/v<n>/` keeps frozen files of each (never edited; loaded through these
 * migrations by `migration-fixtures.test.ts`), so files outlive the code that wrote them.
 * Version 1 is the first format: there is nothing to migrate from yet.
 */
export const WORKFLOW_MIGRATIONS: Record<number, (document: Document) => Document> = {};

export type MigrationResult = { ok: true; document: Document; from: number } | { ok: false; problem: Problem };

/** Brings a parsed workflow document up to the current schemaVersion, one step at a time. */
export function migrateWorkflowDocument(
  document: unknown,
  migrations: Record<number, (document: Document) => Document> = WORKFLOW_MIGRATIONS,
  current: number = CURRENT_SCHEMA_VERSION,
): MigrationResult {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    return { ok: false, problem: { code: 'OPR-002', message: 'a workflow file holds one JSON object' } };
  }
  const version = (document as Document).schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return {
      ok: false,
      problem: {
        code: 'OPR-003',
        path: 'schemaVersion',
        message: `schemaVersion must be a whole number from 1 to ${current}, got ${JSON.stringify(version)}`,
      },
    };
  }
  if (version > current) {
    return {
      ok: false,
      problem: {
        code: 'OPR-003',
        path: 'schemaVersion',
        message: `schemaVersion ${version} is newer than this Operon reads (${current}); upgrade Operon`,
      },
    };
  }
  let migrated = document as Document;
  for (let step = version; step < current; step++) {
    const migrate = migrations[step];
    if (migrate === undefined) {
      return {
        ok: false,
        problem: { code: 'OPR-004', path: 'schemaVersion', message: `no migration from schemaVersion ${step} to ${step + 1}` },
      };
    }
    try {
      migrated = { ...migrate(migrated), schemaVersion: step + 1 };
    } catch (error) {
      return {
        ok: false,
        problem: { code: 'OPR-004', message: `migration from schemaVersion ${step} failed: ${(error as Error).message}` },
      };
    }
  }
  return { ok: true, document: migrated, from: version };
}

/** Brings one node's config up to its type's version with the type's own migrations. */
export function migrateNodeConfig(
  config: Record<string, unknown>,
  fromVersion: number,
  toVersion: number,
  migrations: Record<number, (config: Record<string, unknown>) => Record<string, unknown>>,
): { ok: true; config: Record<string, unknown> } | { ok: false; message: string } {
  if (fromVersion > toVersion) return { ok: false, message: `typeVersion ${fromVersion} is newer than this Operon knows (${toVersion})` };
  let migrated = config;
  for (let step = fromVersion; step < toVersion; step++) {
    const migrate = migrations[step];
    if (migrate === undefined) return { ok: false, message: `no migration for typeVersion ${step} to ${step + 1}` };
    try {
      migrated = migrate(migrated);
    } catch (error) {
      return { ok: false, message: `migration of typeVersion ${step} failed: ${(error as Error).message}` };
    }
  }
  return { ok: true, config: migrated };
}
