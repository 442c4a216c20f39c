// npm run pack:smoke: builds and packs operon, installs the tarball into a temporary prefix (`npm install -g --prefix`)
// with the project's Node 24 first on PATH (it stands in for a system Node 24), then runs the installed `operon` from a
// folder outside the repository: --version, two examples, a broken file (exit 2), runs list, an approval, memory and
// serve. Any step that fails stops the script with what it printed, and exit code 1. `.ci/run` runs it after the tests.
// OPERON_PACK_SKIP_BUILD=1 packs out/ as it is (after `npm run build`).
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expectRan, run, startUntilLine, stop, StepFailure, type Ran } from './smoke-process.ts';

const root = path.resolve(import.meta.dirname, '..');
const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version: string };
const nodeMajor = Number(process.versions.node.split('.')[0]);
if (nodeMajor < 24) {
  process.stderr.write(`pack-smoke: run it with Node 24 (npm run pack:smoke uses the project's); this is ${process.version}\n`);
  process.exit(1);
}

const tmp = await mkdtemp(path.join(os.tmpdir(), 'operon-pack-smoke-'));
const prefix = path.join(tmp, 'prefix');
/** A folder outside the repository, where a person would keep their workflows. */
const work = path.join(tmp, 'work');
await mkdir(work, { recursive: true });

/** The environment without npm's and operon's variables; Node 24 and the installed operon first on PATH. */
const env: NodeJS.ProcessEnv = { NO_COLOR: '1', OPERON_HOME: path.join(tmp, 'data') };
for (const [key, value] of Object.entries(process.env))
  if (!/^(npm_|OPERON_)/i.test(key) && key !== 'PATH' && key !== 'FORCE_COLOR') env[key] = value;
env.PATH = [path.join(prefix, 'bin'), path.dirname(process.execPath), process.env.PATH ?? ''].join(path.delimiter);

const inRepo = { cwd: root, env };
const outside = { cwd: work, env };
const operon = (...args: string[]): Promise<Ran> => run('operon', args, outside);
const json = <T>(ran: Ran): T => JSON.parse(ran.stdout) as T;

async function step(name: string, body: () => Promise<string | void>): Promise<void> {
  const started = performance.now();
  process.stdout.write(`pack-smoke: ${name} … `);
  const note = await body();
  process.stdout.write(`ok (${((performance.now() - started) / 1000).toFixed(1)} s)${note === undefined ? '' : `: ${note}`}\n`);
}

let tarball = '';
try {
  if (process.env.OPERON_PACK_SKIP_BUILD !== '1') {
    await step('npm run build', async () => {
      const ran = await run('npm', ['run', 'build'], inRepo);
      expectRan(ran, 'npm run build', (r) => r.code === 0, 'exit 0');
    });
  }

  await step('npm pack', async () => {
    const ran = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], inRepo);
    expectRan(ran, 'npm pack', (r) => r.code === 0, 'exit 0');
    const [packed] = json<{ filename: string; files: { path: string }[]; size: number }[]>(ran);
    if (packed === undefined) throw new StepFailure('npm pack printed no package');
    const files = new Set(packed.files.map((file) => file.path));
    const needed = [
      'bin/operon.js',
      'out/cli/main.js',
      'out/cli/sandbox-worker.js',
      'out/renderer/index.html',
      'resources/prices.json',
      'resources/examples/diamond.operon.json',
    ];
    const missing = needed.filter((file) => !files.has(file));
    const sources = [...files].filter((file) => /^(src-main|src-shared|src-renderer|node_modules|e2e)\//.test(file));
    if (missing.length > 0 || sources.length > 0)
      throw new StepFailure(
        `the tarball lacks ${missing.join(', ') || 'nothing'} and holds ${sources.slice(0, 5).join(', ') || 'no sources'}`,
      );
    tarball = path.join(tmp, packed.filename);
    return `${packed.filename}, ${files.size} files, ${(packed.size / 1e6).toFixed(1)} MB`;
  });

  await step('npm install -g --prefix <temporary folder>', async () => {
    const ran = await run('npm', ['install', '-g', '--prefix', prefix, tarball, '--prefer-offline', '--no-audit', '--no-fund'], outside);
    expectRan(ran, 'npm install', (r) => r.code === 0, 'exit 0');
  });

  await step('operon --version', async () => {
    const ran = await operon('--version');
    expectRan(ran, 'operon --version', (r) => r.code === 0 && r.stdout === `${version}\n`, `"${version}"`);
    return ran.stdout.trim();
  });

  // The examples as the package ships them, copied where a person keeps their own workflows.
  await cp(path.join(prefix, 'lib/node_modules/operon/resources/examples'), work, { recursive: true });

  await step('operon run diamond.operon.json', async () => {
    const ran = await operon('run', 'diamond.operon.json', '--json');
    const ok = (r: Ran): boolean =>
      r.code === 0 && JSON.stringify(json<{ outputs: unknown }>(r).outputs) === '{"report":{"sum":31,"max":9,"average":3.875}}';
    expectRan(ran, 'operon run diamond.operon.json --json', ok, 'exit 0 and the report {sum: 31, max: 9, average: 3.875}');
  });

  await step('operon run router-subflow.operon.json (a sub-workflow from lib/)', async () => {
    const ran = await operon('run', 'router-subflow.operon.json', '--json');
    const reply = (r: Ran): unknown => json<{ outputs: { reply?: { reply?: { reply?: unknown } } } }>(r).outputs.reply?.reply?.reply;
    expectRan(
      ran,
      'operon run router-subflow.operon.json --json',
      (r) => r.code === 0 && reply(r) === 'Billing will correct: Invoice 42 is wrong',
      'the billing reply',
    );
  });

  await step('operon validate broken.operon.json', async () => {
    const broken = {
      schemaVersion: 1,
      id: 'broken',
      name: 'Broken',
      nodes: [{ id: 'start', type: 'core.manual-trigger', typeVersion: 1, position: { x: 0, y: 0 }, config: {} }],
      edges: [{ id: 'e1', source: 'start', sourcePort: 'out', target: 'nowhere', targetPort: 'in' }],
    };
    await writeFile(path.join(work, 'broken.operon.json'), JSON.stringify(broken));
    const ran = await operon('validate', 'broken.operon.json');
    const said = ran.stdout + ran.stderr;
    expectRan(
      ran,
      'operon validate broken.operon.json',
      (r) => r.code === 2 && /OPR-012 edge "e1".*"nowhere" does not exist/.test(said),
      'exit 2 naming OPR-012, edge e1 and the missing node',
    );
    return said.trim().split('\n').at(-1)?.trim();
  });

  await step('operon run approval.operon.json, then operon approve', async () => {
    const waiting = await operon('run', 'approval.operon.json', '--json');
    expectRan(waiting, 'operon run approval.operon.json --json', (r) => r.code === 3, 'exit 3 (waiting)');
    const { runId } = json<{ runId: string }>(waiting);
    const approved = await operon('approve', runId, '--json');
    expectRan(
      approved,
      `operon approve ${runId}`,
      (r) => r.code === 0 && json<{ status: string }>(r).status === 'succeeded',
      'exit 0, succeeded',
    );
  });

  await step('operon runs list', async () => {
    const ran = await operon('runs', 'list', '--json');
    expectRan(
      ran,
      'operon runs list --json',
      (r) => r.code === 0 && json<unknown[]>(r).length === 4,
      'the 4 runs so far (one a child run)',
    );
  });

  await step('operon memory add, then search (LanceDB and the offline embedder)', async () => {
    const added = await operon('memory', 'add', 'The boiler is serviced every October.');
    expectRan(added, 'operon memory add', (r) => r.code === 0, 'exit 0');
    const found = await operon('memory', 'search', 'heating maintenance', '--json');
    const first = (r: Ran): unknown => json<{ record: { text: string } }[]>(r)[0]?.record.text;
    expectRan(
      found,
      'operon memory search',
      (r) => r.code === 0 && first(r) === 'The boiler is serviced every October.',
      'the note as the first hit',
    );
  });

  await step('operon serve serves the built editor', async () => {
    const served = await startUntilLine('operon', ['serve'], outside, /^Open (http:\/\/\S+)$/m);
    const answer = await fetch(served.match[1] ?? '').then(
      async (page) => ({ status: page.status, html: await page.text() }),
      (error: unknown) => ({ status: 0, html: String(error) }),
    );
    const code = await stop(served.child);
    if (code !== 0) throw new StepFailure(`operon serve exited with ${code} on SIGTERM:\n${served.output()}`);
    if (answer.status !== 200 || !answer.html.includes('<title>Operon</title>'))
      throw new StepFailure(`GET ${served.match[1]} answered ${answer.status}:\n${answer.html.slice(0, 300)}\n${served.output()}`);
  });

  await rm(tmp, { recursive: true, force: true });
  process.stdout.write('pack-smoke: the packed operon installs and runs\n');
} catch (error) {
  process.stdout.write('FAILED\n');
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n(kept for a look: ${tmp})\n`);
  process.exitCode = 1;
}
