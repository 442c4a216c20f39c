import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { workspacePaths } from '../services/data-dir.ts';
import { listRuns, readRun } from '../services/run-log/run-reader.ts';
import { waitUntil } from '../services/testing/waiting.ts';
import { makeDataDir, removeTempDirs, runCli, startCli } from './testing/run-cli.ts';

// The README's "Operon as a service" steps, as written: the two example workflows in docs/examples/ copied into a
// workspace, the hook's token stored with `operon secrets set`, both activated with `operon activate`, and
// `operon serve --no-ui` keeping them running: the webhook answers with its greeting, and the schedule ticks.

afterAll(removeTempDirs);

const EXAMPLES = path.join(import.meta.dirname, '../../docs/examples');
const HOOK_TOKEN = 'hook-token-for-the-readme-0123456789';

describe('the README: Operon as a service', () => {
  it('keeps a scheduled workflow and a webhook workflow running', async () => {
    const dataDir = await makeDataDir();
    const { workflows, files, runs } = workspacePaths(dataDir, 'default');
    await mkdir(workflows, { recursive: true });
    await copyFile(path.join(EXAMPLES, 'hello-hook.operon.json'), path.join(workflows, 'hello-hook.operon.json'));
    // The example ticks every minute; this copy ticks every second so the test sees ticks without waiting a minute.
    const everyMinute = JSON.parse(await readFile(path.join(EXAMPLES, 'every-minute.operon.json'), 'utf8')) as {
      nodes: { id: string; config: Record<string, unknown> }[];
    };
    const tick = everyMinute.nodes.find((node) => node.id === 'tick');
    expect(tick?.config.cron).toBe('0 * * * * *');
    if (tick !== undefined) tick.config.cron = '* * * * * *';
    await writeFile(path.join(workflows, 'every-minute.operon.json'), JSON.stringify(everyMinute));

    expect((await runCli(dataDir, ['secrets', 'set', 'HOOK_TOKEN'], { stdin: HOOK_TOKEN })).code).toBe(0);
    for (const id of ['every-minute', 'hello-hook']) {
      const activated = await runCli(dataDir, ['activate', id]);
      expect(activated.code, activated.stderr).toBe(0);
    }

    const serve = startCli(dataDir, ['serve', '--no-ui', '--port', '0']);
    serve.exited.catch(() => undefined);
    onTestFinished(() => {
      if (serve.child.exitCode === null) serve.child.kill('SIGKILL');
    });
    let stdout = '';
    serve.child.stdout?.on('data', (chunk: Buffer | string) => (stdout += chunk.toString()));
    await serve.waitForStderr(/operon serve: ready/);
    await waitUntil(() => /http:\/\/127\.0\.0\.1:\d+/.test(stdout), 'serve printed its address');
    const origin = /http:\/\/127\.0\.0\.1:\d+/.exec(stdout)?.[0] ?? '';

    const answer = await fetch(`${origin}/hooks/default/hello-hook/hello`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-operon-token': HOOK_TOKEN },
      body: JSON.stringify({ name: 'Ada' }),
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toBe('Hello, Ada!');
    const refused = await fetch(`${origin}/hooks/default/hello-hook/hello`, { method: 'POST', body: '{}' });
    expect(refused.status).toBe(401);

    // Two ticks of the schedule, each a run started by the schedule, each a line in the heartbeat.
    await waitUntil(async () => {
      const lines = await readFile(path.join(files, 'heartbeat.log'), 'utf8').catch(() => '');
      return lines.trim().split('\n').filter(Boolean).length >= 2;
    }, 'the schedule ticked twice');
    const listed = await listRuns(runs);
    const triggers = await Promise.all(listed.map(async (entry) => (await readRun(runs, entry.runId)).trigger.type));
    expect(triggers.filter((type) => type === 'schedule').length).toBeGreaterThanOrEqual(2);
    expect(triggers.filter((type) => type === 'webhook')).toHaveLength(1);

    serve.child.kill('SIGTERM');
    expect((await serve.exited).code).toBe(0);
  });
});
