import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { declareApprovals } from './program/declare-approvals.ts';
import { declareDecide } from './program/declare-decide.ts';
import { declareMemory } from './program/declare-memory.ts';
import { declareRun } from './program/declare-run.ts';
import { declareRuns } from './program/declare-runs.ts';
import { declareServe } from './program/declare-serve.ts';
import { declareTriggers } from './program/declare-triggers.ts';
import { declareValidate } from './program/declare-validate.ts';

// The README's synopsis is what a new user copies: every option they show must exist on that command, and be
// shown in [brackets] exactly when the command does not require it.

const README = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');

interface UsageLine {
  text: string;
  words: string[];
  options: { name: string; optional: boolean }[];
}

/** The synopsis under "Run a workflow headless": its `npm run operon -- …` lines, continuation lines joined. */
function usageLines(): UsageLine[] {
  const lines: string[] = [];
  const section = README.slice(README.indexOf('## Run a workflow headless'));
  for (const block of [...section.matchAll(/```sh\n([\s\S]*?)```/g)].slice(0, 1)) {
    for (const line of (block[1] ?? '').split('\n')) {
      if (line.startsWith('npm run operon -- ')) lines.push(line.slice('npm run operon -- '.length).replace(/\s+#.*$/, ''));
      else if (/^\s+\[/.test(line) && lines.length > 0) lines[lines.length - 1] += ` ${line.trim()}`;
    }
  }
  return lines.map((text) => {
    const words: string[] = [];
    for (const word of text.split(' ')) {
      if (!/^[a-z][a-z-]*$/.test(word)) break;
      words.push(word);
    }
    const options = [...text.matchAll(/--[a-z][a-z-]*/g)].map((match) => {
      const before = text.slice(0, match.index);
      const open = (before.match(/\[/g) ?? []).length - (before.match(/\]/g) ?? []).length;
      return { name: match[0], optional: open > 0 };
    });
    return { text, words, options };
  });
}

function findCommand(program: Command, words: readonly string[]): Command | undefined {
  let command: Command | undefined = program;
  for (const word of words) {
    const next: Command | undefined = command?.commands.find((sub) => sub.name() === word);
    if (next === undefined) break;
    command = next;
  }
  return command === program ? undefined : command;
}

describe("the README's CLI usage", () => {
  const program = new Command('operon');
  for (const declare of [
    declareRun,
    declareValidate,
    declareRuns,
    declareDecide,
    declareApprovals,
    declareMemory,
    declareServe,
    declareTriggers,
  ])
    declare(program);
  const lines = usageLines();

  it('is found', () => {
    expect(lines.length).toBeGreaterThanOrEqual(7);
  });

  it.each(lines.map((line) => [line.text, line] as const))('%s: its options exist and are marked optional as they are', (_, line) => {
    const command = findCommand(program, line.words);
    expect(command, `a command for "${line.words.join(' ')}"`).toBeDefined();
    for (const option of line.options) {
      const declared = command?.options.find((candidate) => candidate.long === option.name);
      expect(declared, `${line.words.join(' ')} has ${option.name}`).toBeDefined();
      expect(declared?.mandatory === true ? 'required' : 'optional', `${line.words.join(' ')} ${option.name}`).toBe(
        option.optional ? 'optional' : 'required',
      );
    }
  });

  it('shows every mandatory option of the commands it lists', () => {
    for (const line of lines) {
      const command = findCommand(program, line.words);
      for (const option of command?.options.filter((candidate) => candidate.mandatory) ?? [])
        expect(
          line.options.some((shown) => shown.name === option.long),
          `${line.text} shows ${option.long}`,
        ).toBe(true);
    }
  });
});
