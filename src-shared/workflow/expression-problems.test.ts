import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../nodes/builtin.ts';
import { validateWorkflow } from './validate.ts';

const registry = createBuiltinRegistry();
const EXAMPLES = join(import.meta.dirname, '../../resources/examples');
const exampleFiles = [
  ...readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')),
  ...readdirSync(join(EXAMPLES, 'lib')).map((f) => join('lib', f)),
];
const readExample = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as Record<string, unknown>;

type Doc = { nodes: { id: string; config: Record<string, unknown> }[] } & Record<string, unknown>;
function triage(edit: (doc: Doc) => void): ReturnType<typeof validateWorkflow> {
  const doc = readExample('ticket-triage.operon.json') as Doc;
  edit(doc);
  return validateWorkflow(doc, registry);
}
const configOf = (doc: Doc, id: string): Record<string, unknown> => doc.nodes.find((node) => node.id === id)!.config;
const problemsOf = (result: ReturnType<typeof validateWorkflow>) => (result.ok ? [] : result.problems);

describe('expression problems', () => {
  it.each(exampleFiles)('finds none in the example %s', (file) => {
    expect(problemsOf(validateWorkflow(readExample(file), registry))).toEqual([]);
  });

  it('flags a template variable the upstream node does not provide, naming node, field and variable', () => {
    const problems = problemsOf(triage((doc) => (configOf(doc, 'approve').message = 'Route to {{ route }}: {{ subject }}')));
    expect(problems).toEqual([
      {
        code: 'OPR-186',
        nodeId: 'approve',
        path: expect.stringMatching(/^nodes\[\d+\]\.config\.message$/) as string,
        message:
          'node "approve": the template in message reads {{ subject }}, but no upstream output provides "subject" (the input has: ticket, route, priority, summary, reply)',
      },
    ]);
  });

  it('knows the run inputs the trigger emits and an LLM’s structured-output fields', () => {
    const fromTrigger = problemsOf(triage((doc) => (configOf(doc, 'classify').prompt = '{{ customer }} wrote {{ subjct }}')));
    expect(fromTrigger.map((p) => [p.code, p.nodeId])).toEqual([['OPR-186', 'classify']]);
    expect(fromTrigger[0]?.message).toContain('node "Classify ticket"');
    expect(fromTrigger[0]?.message).toContain('(the input has: ticket, customer)');
    const fromLlm = problemsOf(triage((doc) => (configOf(doc, 'suggest').expression = '{ "r": route, "t": team }')));
    const own = fromLlm.filter((p) => p.nodeId === 'suggest');
    expect(own.map((p) => [p.code, p.message.includes('"team"')])).toEqual([['OPR-186', true]]);
    // The Transform now builds { r, t }: the approval's {{ route }}, {{ priority }} and {{ summary }} have nothing upstream.
    expect(fromLlm.filter((p) => p.nodeId === 'approve')).toHaveLength(3);
  });

  it('flags unknown functions, undeclared run inputs and missing input ports', () => {
    const problems = problemsOf(
      triage(
        (doc) => (configOf(doc, 'suggest').expression = '{ "a": $upper(route), "b": $run.tickt, "c": $inputs.other, "d": $secret("k") }'),
      ),
    );
    expect(problems.filter((p) => p.nodeId === 'suggest').map((p) => p.code)).toEqual(['OPR-185', 'OPR-187', 'OPR-188']);
    expect(problems[0]?.message).toBe(
      'node "suggest": the expression in expression calls $upper(), which is not a JSONata function or $secret, and the expression does not define it',
    );
  });

  it('checks Router route expressions against the input, and stays quiet where the input is unknown', () => {
    const doc = readExample('router-subflow.operon.json') as Doc;
    const router = doc.nodes.find((node) => (node as { type?: string }).type === 'core.router')!;
    (router.config.routes as { expression: string }[])[0]!.expression = '$lenght(kind) > 0';
    expect(problemsOf(validateWorkflow(doc, registry)).map((p) => [p.code, p.path?.endsWith('routes.0.expression')])).toEqual([
      ['OPR-185', true],
    ]);
  });
});
