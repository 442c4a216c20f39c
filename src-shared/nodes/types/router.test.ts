import { describe, expect, it } from 'vitest';
import { createCheckHelpers, runTestNode } from '../test-context.ts';
import { router } from './router.ts';

const routes = [
  { name: 'urgent', expression: 'priority > 8' },
  { name: 'high', expression: 'priority > 5' },
  { name: 'billing', expression: 'topic = "billing"' },
];

describe('core.router', () => {
  it('emits on the first matching route only in mode first', async () => {
    const { outputs } = await runTestNode(router, { config: { routes }, inputs: { in: { priority: 9, topic: 'billing' } } });
    expect(outputs).toEqual({ urgent: { priority: 9, topic: 'billing' } });
  });

  it('emits on every matching route in mode all', async () => {
    const ticket = { priority: 6, topic: 'billing' };
    const { outputs } = await runTestNode(router, { config: { routes, mode: 'all' }, inputs: { in: ticket } });
    expect(outputs).toEqual({ high: ticket, billing: ticket });
  });

  it('falls back to default when nothing matches', async () => {
    const { outputs } = await runTestNode(router, { config: { routes }, inputs: { in: { priority: 1 } } });
    expect(outputs).toEqual({ default: { priority: 1 } });
  });

  it('emits nothing without a match when fallback is off', async () => {
    const { outputs } = await runTestNode(router, { config: { routes, fallback: false }, inputs: { in: { priority: 1 } } });
    expect(outputs).toEqual({});
    expect(Object.keys(router.outputPorts(router.config.parse({ routes, fallback: false })))).toEqual(['urgent', 'high', 'billing']);
  });

  it('checks route names and expressions', () => {
    const config = router.config.parse({
      routes: [
        { name: 'a', expression: 'x' },
        { name: 'a', expression: 'y' },
        { name: '1bad', expression: 'z' },
        { name: 'default', expression: 'true' },
        { name: 'ok', expression: 'x >' },
      ],
    });
    const problems = router.check(config, createCheckHelpers());
    expect(problems.map((problem) => problem.path)).toEqual(['routes.1.name', 'routes.2.name', 'routes.3.name', 'routes.4.expression']);
    expect(problems[0]?.message).toContain('used twice');
  });
});
