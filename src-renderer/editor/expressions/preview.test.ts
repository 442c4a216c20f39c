import { describe, expect, it } from 'vitest';
import { createInProcessSandbox } from '../../../src-shared/expressions/in-process-sandbox.ts';
import type { Sandbox } from '../../../src-shared/services/sandbox.ts';
import { createPreviewer, previewText } from './preview.ts';

const scope = { data: { route: 'billing', amounts: [3, 4] }, inputs: { in: { route: 'billing' } }, run: { ticket: 'Charged twice' } };

describe('createPreviewer', () => {
  const sandboxed: string[] = [];
  const inProcess = createInProcessSandbox();
  const sandbox: Sandbox = {
    evaluate: (job, signal) => {
      sandboxed.push(job.expression);
      return inProcess.evaluate(job, signal);
    },
    checkInputs: (schema, inputs, signal, options) => inProcess.checkInputs(schema, inputs, signal, options),
    checkSchema: (schema, value, signal, options) => inProcess.checkSchema(schema, value, signal, options),
  };
  const preview = createPreviewer(sandbox);

  it('evaluates an expression against the input, the ports and the run inputs', async () => {
    expect(await preview('expression', 'route = "billing" and $sum(amounts) = 7', scope)).toEqual({ ok: true, value: true });
    expect(await preview('expression', '$inputs.in.route & " / " & $run.ticket', scope)).toEqual({
      ok: true,
      value: 'billing / Charged twice',
    });
    expect(sandboxed).toEqual([]);
  });

  it('renders a template, and shows secrets as placeholders, never their values', async () => {
    expect(await preview('template', 'To {{ route }}: {{ $run.ticket }} ({{ $secret("token") }})', scope)).toEqual({
      ok: true,
      value: 'To billing: Charged twice (‹secret token›)',
    });
  });

  it('sends what is not bounded (a regex) to the sandbox', async () => {
    expect(await preview('expression', '$match(route, /b(il+)/).groups[0]', scope)).toEqual({ ok: true, value: 'ill' });
    expect(sandboxed).toEqual(['$match(route, /b(il+)/).groups[0]']);
  });

  it('reports errors as messages: an unknown function, a syntax error, an unclosed placeholder', async () => {
    const unknown = await preview('expression', '$nope(route)', scope);
    expect(unknown.ok).toBe(false);
    expect(!unknown.ok && unknown.message).toMatch(/nope|function/);
    const syntax = await preview('expression', 'route = ', scope);
    expect(!syntax.ok && syntax.message).toMatch(/character/);
    const unclosed = await preview('template', 'Hi {{ route', scope);
    expect(!unclosed.ok && unclosed.message).toMatch(/unclosed/);
  });
});

describe('previewText', () => {
  it('shows strings as they are and other values as JSON', () => {
    expect(previewText('hi')).toBe('hi');
    expect(previewText({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(previewText(undefined)).toBe('nothing (undefined)');
  });
});
