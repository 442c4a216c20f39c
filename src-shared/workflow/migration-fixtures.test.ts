// The frozen workflow files of every past schemaVersion (fixtures/versions/, see its README) still load: each is
// migrated to the current version, validated with today's node types, and writes back stably. The files are never
// edited; a change that breaks one needs a migration (migrations.ts, or a node type's `migrations`).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../errors/operon-error.ts';
import { builtinNodeTypes, createBuiltinRegistry } from '../nodes/builtin.ts';
import { migrateWorkflowDocument } from './migrations.ts';
import { parseWorkflowText } from './parse.ts';
import { CURRENT_SCHEMA_VERSION, type Workflow } from './schema.ts';
import { serializeWorkflow } from './serialize.ts';

const folder = new URL('./fixtures/versions/', import.meta.url);

/**
 * Every frozen file with the SHA-256 of its text (line endings as LF). A new file gets its line here; an existing
 * line never changes.
 */
const FROZEN: Record<string, string> = {
  'v1/approval.operon.json': 'b6626466e98a8e01015434b18cce3885ad5ca068113298cda4d374516a3f7b34',
  'v1/condition-fallback.operon.json': '1a59d03acfb7229c17b076c698c62ad97a6700c74684d8880e3c0fd4ff1b8547',
  'v1/diamond.operon.json': '766952b40f49144cc3a20fb2670c2442e49b8773859f5d26e1d5b580fdb601a9',
  'v1/every-node-type.operon.json': 'cfc26431aad45a32b07efe6c94af216a7c467225dbd640789b8d6b2d35538330',
  'v1/http-etl.operon.json': '9832f7418ebd6165c27602b5771f2f3598507cd0a24cec7acf1d751237f1a592',
  'v1/lib/billing-reply.operon.json': '7e14e6138d8a903939047bbb825fdd8c78f08ded89a1a770077434ee23a05bae',
  'v1/memory-notes.operon.json': '01901877a018e738e026ff45b5e05c0a8529199efcf178a2a95dff0ad44d0c5c',
  'v1/refund-agent.operon.json': '9f747501998781307972d949262336cb9141cea6ddff5d615913696571a75ae0',
  'v1/router-subflow.operon.json': 'bd3e0903252683a4b42082d39fc6a15f2dcc78111532c22a61d4f622e37e3ec0',
  'v1/ticket-triage.operon.json': '1769b2ebdaa4b67e1cac8ba50b740004d2233447d9c4745c7711dc70ee0b9546',
  'v1/triggers.operon.json': '77d7f1ae8a2a90fa52d7caa4001f36c14350b90f8ceece2fea958b309c1a8162',
};

const files = readdirSync(folder, { recursive: true, encoding: 'utf8' })
  .map((path) => path.replaceAll('\\', '/'))
  .filter((path) => path.endsWith('.operon.json'))
  .sort();
const textOf = (file: string): string => readFileSync(new URL(file, folder), 'utf8').replaceAll('\r\n', '\n');
const registry = createBuiltinRegistry();

/** Parses and validates workflow text, failing the test with every problem when it is invalid. */
function load(text: string): Workflow {
  const result = parseWorkflowText(text, registry);
  if (!result.ok) expect.fail(result.problems.map(formatProblem).join('\n'));
  return result.workflow;
}

describe('frozen workflow files (fixtures/versions/)', () => {
  it('are all listed, and none was edited', () => {
    expect(files).toEqual(Object.keys(FROZEN).sort());
    for (const file of files) expect(createHash('sha256').update(textOf(file)).digest('hex'), file).toBe(FROZEN[file]);
  });

  it('include every schemaVersion up to the current one', () => {
    const versions = new Set(files.map((file) => Number(/^v(\d+)\//.exec(file)?.[1])));
    for (let version = 1; version <= CURRENT_SCHEMA_VERSION; version++) expect(versions, `v${version}/`).toContain(version);
  });

  it('use every built-in node type between them', () => {
    const used = new Set(files.flatMap((file) => (JSON.parse(textOf(file)) as { nodes: { type: string }[] }).nodes.map((n) => n.type)));
    const missing = builtinNodeTypes.map((nodeType) => nodeType.type).filter((type) => !used.has(type));
    expect(missing, 'add a frozen file of the current version that uses these types').toEqual([]);
  });

  describe.each(files)('%s', (file) => {
    const text = textOf(file);

    it('migrates from the version of its folder to the current one', () => {
      const migrated = migrateWorkflowDocument(JSON.parse(text));
      if (!migrated.ok) expect.fail(formatProblem(migrated.problem));
      expect(`v${migrated.from}/`).toBe(file.slice(0, file.indexOf('/') + 1));
      expect(migrated.document.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    });

    it('validates with the built-in node types and writes back stably', () => {
      const workflow = load(text);
      expect(workflow.nodes.length).toBeGreaterThan(0);
      const written = serializeWorkflow(workflow);
      const reread = load(written);
      expect(reread).toEqual(workflow);
      expect(serializeWorkflow(reread)).toBe(written);
    });
  });
});
