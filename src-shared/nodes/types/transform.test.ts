import { describe, expect, it } from 'vitest';
import { OperonError } from '../../errors/operon-error.ts';
import { runTestNode } from '../test-context.ts';
import { transform } from './transform.ts';

describe('core.transform', () => {
  it('evaluates a JSONata expression over the input', async () => {
    const { outputs } = await runTestNode(transform, {
      config: { expression: '{ "total": $sum(items.price), "names": items.name }' },
      inputs: {
        in: {
          items: [
            { name: 'a', price: 2 },
            { name: 'b', price: 3 },
          ],
        },
      },
    });
    expect(outputs).toEqual({ out: { total: 5, names: ['a', 'b'] } });
  });

  it('passes the input through with the default expression', async () => {
    const { outputs } = await runTestNode(transform, { inputs: { in: [1, 2] } });
    expect(outputs).toEqual({ out: [1, 2] });
  });

  it('sees $inputs and $run, and turns no result into null', async () => {
    const { outputs } = await runTestNode(transform, {
      config: { expression: '$run.user & ":" & $inputs.in.x' },
      inputs: { in: { x: 'y' } },
      runInputs: { user: 'ada' },
    });
    expect(outputs.out).toBe('ada:y');
    const none = await runTestNode(transform, { config: { expression: 'missing.field' }, inputs: { in: {} } });
    expect(none.outputs).toEqual({ out: null });
  });

  it('fails with OPR-107 naming the field', async () => {
    const error: unknown = await runTestNode(transform, { config: { expression: '$number("x")' }, inputs: { in: 1 } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OperonError);
    expect((error as OperonError).code).toBe('OPR-107');
    expect((error as OperonError).message).toContain('config.expression');
  });

  it('reports an expression that does not compile', () => {
    const problems = transform.check(transform.config.parse({ expression: '$sum(' }), {
      hasNodeType: () => true,
      checkInnerNode: () => [],
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe('expression');
  });
});
