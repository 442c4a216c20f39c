// The peer `npm run bench:cli` measures beside operon: Rivet's `rivet-node` running a 3-node graph (Graph Input → Text
// → Graph Output) in a process of its own, when `@ironclad/rivet-node` is installed in a scratch folder:
//   mkdir /tmp/rivet && cd /tmp/rivet && npm init -y && npm install @ironclad/rivet-node
//   RIVET_NODE_DIR=/tmp/rivet npm run bench:cli
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A Rivet project (version 4, as the Rivet app saves it) with one graph of three nodes. */
const PROJECT = `version: 4
data:
  attachedData:
    trivet:
      testSuites: []
      version: 1
  graphs:
    bench3node000000000:
      metadata:
        description: ""
        id: bench3node000000000
        name: Three nodes
      nodes:
        '[benchInput0000000000]:graphInput "Graph Input"':
          data:
            dataType: string
            id: input
            useDefaultValueInput: false
          outgoingConnections:
            - data->"Text" benchText00000000000/input
          visualData: 0/0/330/1//
        '[benchText00000000000]:text "Text"':
          data:
            text: "{{input}} done"
          outgoingConnections:
            - output->"Graph Output" benchOutput000000000/value
          visualData: 400/0/330/2//
        '[benchOutput000000000]:graphOutput "Graph Output"':
          data:
            dataType: string
            id: output
          visualData: 800/0/330/3//
  metadata:
    description: ""
    id: benchProject00000000
    title: Bench
  mainGraphId: bench3node000000000
  plugins: []
`;

/** CommonJS, as rivet-node ships: loads the project, runs the graph, prints its output. */
const RUNNER = `const { loadProjectFromString, runGraph } = require('@ironclad/rivet-node');
const fs = require('node:fs');
const project = loadProjectFromString(fs.readFileSync(__dirname + '/bench-3-node.rivet-project', 'utf8'));
runGraph(project, { graph: 'bench3node000000000', inputs: { input: 'bench' } }).then((outputs) => {
  process.stdout.write(JSON.stringify(outputs.output) + '\\n');
});
`;

/** The folder where rivet-node is installed (RIVET_NODE_DIR), or why the peer is skipped. */
export function findRivet(env: NodeJS.ProcessEnv): { dir: string } | { skipped: string } {
  const dir = env.RIVET_NODE_DIR;
  if (dir === undefined || dir === '')
    return { skipped: 'rivet-node not installed (set RIVET_NODE_DIR to a folder where `npm install @ironclad/rivet-node` ran)' };
  if (!existsSync(path.join(dir, 'node_modules/@ironclad/rivet-node/package.json')))
    return { skipped: `rivet-node not installed in RIVET_NODE_DIR (${dir}): no node_modules/@ironclad/rivet-node there` };
  return { dir };
}

/** Writes the project and its runner into the scratch folder; returns the runner's path. */
export async function writeRivetRunner(dir: string): Promise<string> {
  await writeFile(path.join(dir, 'bench-3-node.rivet-project'), PROJECT);
  const runner = path.join(dir, 'bench-3-node.cjs');
  await writeFile(runner, RUNNER);
  return runner;
}

/** What the graph answers for the input "bench". */
export const RIVET_ANSWER = /"value":"bench done"/;
