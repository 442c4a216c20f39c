import { writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The file the soak workflow writes, relative to the workspace's files folder. */
export const SOAK_FILE = 'soak/out.json';

const post = (name: string, body: unknown): Record<string, unknown> => ({
  method: 'POST',
  url: `{{ $run.baseUrl }}/effect/${name}?trial={{ $run.trial }}`,
  body,
});

/**
 * The soak's workflow: two POSTs and a GET in parallel branches, a merge, a third POST that depends on both POSTs'
 * answers, an atomic file write and pure transforms; its outputs are the answers' bodies and the file written. Only
 * the query string carries the trial (the run), so every trial's outputs equal an uninterrupted reference run's.
 */
export async function writeSoakWorkflow(dir: string): Promise<string> {
  const nodes = [
    { id: 'start', type: 'core.manual-trigger' },
    { id: 'a', type: 'core.http-request', config: post('a', { n: '{{ $.n }}', side: 'a' }) },
    { id: 'b', type: 'core.http-request', config: post('b', { n: '{{ $.n }}', side: 'b' }) },
    { id: 'read', type: 'core.http-request', config: { method: 'GET', url: '{{ $run.baseUrl }}/effect/read?trial={{ $run.trial }}' } },
    { id: 'join', type: 'core.merge', config: {} },
    { id: 'c', type: 'core.http-request', config: post('c', { from: '{{ $[0].body.echo.side }}{{ $[1].body.echo.side }}' }) },
    { id: 'shape', type: 'core.transform', config: { expression: '{ "n": n, "double": n * 2, "read": $run.trial != "" }' } },
    { id: 'write', type: 'core.write-file', config: { path: SOAK_FILE, format: 'json', mode: 'overwrite' } },
    { id: 'pickA', type: 'core.transform', config: { expression: 'body' } },
    { id: 'pickC', type: 'core.transform', config: { expression: 'body' } },
    { id: 'pickRead', type: 'core.transform', config: { expression: 'body' } },
    { id: 'outA', type: 'core.output', config: { name: 'a' } },
    { id: 'outC', type: 'core.output', config: { name: 'c' } },
    { id: 'outRead', type: 'core.output', config: { name: 'read' } },
    { id: 'outFile', type: 'core.output', config: { name: 'file' } },
  ];
  const edges: [string, string][] = [
    ['start.out', 'a.in'],
    ['start.out', 'b.in'],
    ['start.out', 'read.in'],
    ['start.out', 'shape.in'],
    ['a.out', 'join.in1'],
    ['b.out', 'join.in2'],
    ['join.out', 'c.in'],
    ['shape.out', 'write.in'],
    ['a.out', 'pickA.in'],
    ['c.out', 'pickC.in'],
    ['read.out', 'pickRead.in'],
    ['pickA.out', 'outA.in'],
    ['pickC.out', 'outC.in'],
    ['pickRead.out', 'outRead.in'],
    ['write.out', 'outFile.in'],
  ];
  const split = (end: string): [string, string] => {
    const dot = end.lastIndexOf('.');
    return [end.slice(0, dot), end.slice(dot + 1)];
  };
  const workflow = {
    schemaVersion: 1,
    id: 'soak',
    name: 'Soak',
    nodes: nodes.map((node, index) => ({ typeVersion: 1, position: { x: index * 200, y: 0 }, config: {}, ...node })),
    edges: edges.map(([from, to], index) => {
      const [source, sourcePort] = split(from);
      const [target, targetPort] = split(to);
      return { id: `e${index + 1}`, source, sourcePort, target, targetPort };
    }),
  };
  const file = path.join(dir, 'soak.operon.json');
  await writeFile(file, `${JSON.stringify(workflow, null, 2)}\n`);
  return file;
}
