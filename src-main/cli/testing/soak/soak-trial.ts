import { isDeepStrictEqual } from 'node:util';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { workspacePaths } from '../../../services/data-dir.ts';
import { readRun } from '../../../services/run-log/run-reader.ts';
import type { SideEffectServer } from '../../../services/testing/side-effect-server.ts';
import { runOperon, type KillPlan, type KillTrigger } from './soak-process.ts';
import { between, type Random } from './seeded-random.ts';
import { SOAK_FILE } from './soak-workflow.ts';

/** One soak trial: a run killed at a random moment (and maybe its resumes too), resumed until it ends, then checked. */

/** What an uninterrupted run of the soak workflow gives: its outputs and the file it wrote. */
export interface Reference {
  outputs: Record<string, unknown>;
  file: string;
}

export interface TrialContext {
  root: string;
  workflow: string;
  server: SideEffectServer;
  timeoutMs: number;
}

export interface TrialOutcome {
  trial: string;
  kills: number;
  resumes: number;
  /** The process was killed before the run had a record and nothing had happened: there was no run to lose. */
  notStarted: boolean;
  lost: boolean;
  repeated: number;
  corruptLines: number;
  wrongOutputs: boolean;
  /** What went wrong, for the report. */
  problems: string[];
}

const MAX_RESUMES = 6;

/** The kills of one trial: always one in the run, sometimes more in the resumes. */
export function planKills(random: Random): KillPlan[] {
  const kills = [planKill(random)];
  while (kills.length < 3 && random() < 0.35) kills.push(planKill(random));
  return kills;
}

function planKill(random: Random): KillPlan {
  const roll = random();
  const trigger: KillTrigger =
    roll < 0.4
      ? { kind: 'request', nth: between(random, 1, 4) }
      : roll < 0.75
        ? { kind: 'answered', nth: between(random, 1, 4) }
        : roll < 0.87
          ? { kind: 'file' }
          : { kind: 'line', nth: between(random, 1, 30) };
  // A quarter of the kills are at once; the rest within the 50 ms after the event.
  return { trigger, delayMs: random() < 0.25 ? 0 : Math.floor(random() * 50) };
}

/** Runs the soak workflow once without a kill, for the outputs every trial must end with. */
export async function referenceRun(context: TrialContext): Promise<Reference> {
  const outcome = await startedTrial(context, 'reference', []);
  if (outcome.reference === undefined) throw new Error(`the reference run failed: ${outcome.result.problems.join('; ')}`);
  return outcome.reference;
}

export async function runTrial(
  context: TrialContext,
  trial: string,
  kills: readonly KillPlan[],
  reference: Reference,
): Promise<TrialOutcome> {
  const { result, reference: got } = await startedTrial(context, trial, kills);
  if (got !== undefined && !result.lost) {
    const same = isDeepStrictEqual(got.outputs, reference.outputs) && got.file === reference.file;
    if (!same) {
      result.wrongOutputs = true;
      result.problems.push(`outputs ${JSON.stringify(got.outputs)} and file ${got.file} differ from the reference`);
    }
  }
  return result;
}

async function startedTrial(
  context: TrialContext,
  trial: string,
  kills: readonly KillPlan[],
): Promise<{ result: TrialOutcome; reference?: Reference }> {
  const { server } = context;
  const dataDir = await mkdtemp(path.join(context.root, `${trial}-`));
  const paths = workspacePaths(dataDir, 'default');
  const filesDir = path.join(paths.files, path.dirname(SOAK_FILE));
  await mkdir(filesDir, { recursive: true });
  await mkdir(paths.runs, { recursive: true });
  const inputsFile = path.join(dataDir, 'inputs.json');
  await writeFile(inputsFile, JSON.stringify({ baseUrl: server.url, trial, n: 7 }));
  const result: TrialOutcome = {
    trial,
    kills: 0,
    resumes: 0,
    notStarted: false,
    lost: false,
    repeated: 0,
    corruptLines: 0,
    wrongOutputs: false,
    problems: [],
  };
  const common = { dataDir, trial, server, filesDir, timeoutMs: context.timeoutMs };
  try {
    let end = await runOperon({ ...common, args: ['run', context.workflow, '--input-file', inputsFile], kill: kills[0] });
    if (end.killed) result.kills++;
    const runId = (await readdir(paths.runs))[0];
    const hasRecord =
      runId !== undefined &&
      (await readFile(path.join(paths.runs, runId, 'run.json')).then(
        () => true,
        () => false,
      ));
    if (!hasRecord) {
      if (server.trial(trial).requests > 0) {
        result.lost = true;
        result.problems.push('the run acted but left no run.json');
      } else result.notStarted = true;
      return { result };
    }
    for (;;) {
      const run = await readRun(paths.runs, runId);
      if (run.status === 'succeeded') break;
      if (!run.interrupted || result.resumes >= MAX_RESUMES) {
        result.lost = true;
        result.problems.push(`the run ended ${run.status}${run.interrupted ? ' after too many resumes' : ''}: ${end.stderr.trim()}`);
        break;
      }
      result.resumes++;
      end = await runOperon({ ...common, args: ['runs', 'resume', runId], kill: kills[result.resumes] });
      if (end.killed) result.kills++;
    }
    result.corruptLines = await countCorruptLines(path.join(paths.runs, runId), result.problems);
    const effects = server.trial(trial);
    result.repeated = effects.repeated;
    if (effects.repeated > 0) result.problems.push(`effects repeated: ${JSON.stringify(effects)}`);
    if (result.lost) return { result };
    const run = await readRun(paths.runs, runId);
    const file = await readFile(path.join(paths.files, SOAK_FILE), 'utf8').catch(() => '(missing)');
    return { result, reference: { outputs: run.outputs ?? {}, file } };
  } catch (error) {
    result.lost = true;
    result.problems.push((error as Error).message);
    return { result };
  } finally {
    if (result.problems.length === 0) await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * Lines of the run's JSON Lines files that do not parse. A cut last line counts too: the reader skips one with a
 * warning, but a resume must leave none behind in the run it continued.
 */
async function countCorruptLines(runDir: string, problems: string[]): Promise<number> {
  let corrupt = 0;
  for (const entry of await readdir(runDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.jsonl')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const text = await readFile(file, 'utf8');
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    else if (lines.length > 0) problems.push(`${file}: its last line is cut off`);
    lines.forEach((line, index) => {
      try {
        JSON.parse(line);
      } catch {
        corrupt++;
        problems.push(`${file}:${index + 1} is not JSON: ${line.slice(0, 80)}`);
      }
    });
  }
  return corrupt;
}
