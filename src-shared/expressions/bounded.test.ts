import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { isBounded } from './bounded.ts';
import { createExpressions } from './jsonata.ts';
import type { Sandbox } from '../services/sandbox.ts';

const HOST = new Set(['inputs', 'run', 'secret']);
const bounded = (expression: string): boolean => isBounded(jsonata(expression).ast(), HOST);

describe('isBounded', () => {
  it('lets paths, operators, objects and linear built-ins run in process', () => {
    for (const expression of [
      'n + 1',
      '$ + 1',
      'a.b[c > 1].{"x": $string(d)}',
      '($x := $inputs.a; $x & "!")',
      'items@$i.$i',
      '$secret("k")',
    ])
      expect(bounded(expression), expression).toBe(true);
  });

  it('sends regexes, functions, ranges, $eval and unknown calls to the sandbox', () => {
    for (const expression of [
      `$match('aaaa!', /(a+)+$/)`,
      '($f := function($x){ $f($x+1) }; $f(0))',
      '[1..10]',
      '$eval("1")',
      '$map([1], $string)',
      '$pad("", 1e9)',
      '($f := $eval; $f("1"))',
    ])
      expect(bounded(expression), expression).toBe(false);
  });
});

describe('createExpressions with a sandbox', () => {
  const sandboxed: string[] = [];
  const sandbox: Sandbox = {
    evaluate: ({ expression }) => {
      sandboxed.push(expression);
      return Promise.resolve('from the sandbox');
    },
    checkInputs: () => Promise.reject(new Error('not used')),
    checkSchema: () => Promise.reject(new Error('not used')),
  };
  const expressions = createExpressions({ sandbox });

  it('runs bounded expressions in process and the rest in the sandbox', async () => {
    expect(await expressions.evaluate('n + 1', { n: 1 }, {}, 'f')).toBe(2);
    expect(await expressions.evaluate('[1..3]', {}, {}, 'f')).toBe('from the sandbox');
    expect(sandboxed).toEqual(['[1..3]']);
  });

  it('runs a bounded expression again in the sandbox once it passes its in-process step budget', async () => {
    const items = Array.from({ length: 2_000 }, (_, i) => i);
    sandboxed.length = 0;
    const result = await expressions.evaluate('$.($i := $; $$.($ + $i))', items, {}, 'f');
    expect(result).toBe('from the sandbox');
    expect(sandboxed).toHaveLength(1);
  });

  it('decides by steps, not time: a bounded expression under the budget stays in process however slow the loop', async () => {
    // 100 items × a few steps each is far under IN_PROCESS_STEPS; a host function that takes 50 ms per call would
    // have passed the old 20 ms wall-time budget and sent it to the sandbox.
    const items = Array.from({ length: 100 }, (_, i) => i);
    const slow = (x: number): Promise<number> => new Promise((resolve) => setTimeout(() => resolve(x), 50));
    sandboxed.length = 0;
    const withSlow = createExpressions({ sandbox, hostNames: ['slow'] });
    const result = await withSlow.evaluate('$slow(1) + $sum($.($ + 1))', items, { slow }, 'f');
    expect(result).toBe(1 + 5_050);
    expect(sandboxed).toEqual([]);
  });

  it('counts steps per evaluation, so concurrent evaluations of one expression do not share a budget', async () => {
    const items = Array.from({ length: 1_000 }, (_, i) => i);
    sandboxed.length = 0;
    const results = await Promise.all(Array.from({ length: 20 }, () => expressions.evaluate('$sum($.($ * 2))', items, {}, 'f')));
    expect(results).toEqual(Array.from({ length: 20 }, () => 999_000));
    expect(sandboxed).toEqual([]);
  });
});
