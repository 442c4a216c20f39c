import { describe, expect, it } from 'vitest';
import { prefillInputs, runInputFields, triggerSample } from './run-input-fields.ts';

const schema = {
  type: 'object',
  properties: {
    subject: { type: 'string', description: 'Ticket subject' },
    priority: { type: 'integer', default: 3, minimum: 1 },
    channel: { type: 'string', enum: ['email', 'chat'] },
    urgent: { type: 'boolean' },
    tags: { type: 'array' },
  },
  required: ['subject'],
};

describe('run input fields', () => {
  it('are one field per declared input, typed and required as declared', () => {
    const { fields } = runInputFields(schema);
    expect(fields.map((f) => [f.name, f.field.kind, f.field.required, f.json])).toEqual([
      ['subject', 'text', true, false],
      ['priority', 'integer', false, false],
      ['channel', 'select', false, false],
      ['urgent', 'toggle', false, false],
      ['tags', 'json', false, true],
    ]);
    expect(fields[1]?.field).toMatchObject({ default: 3, min: 1 });
    expect(fields[0]?.field.description).toBe('Ticket subject');
    expect(runInputFields({ type: 'array' })).toEqual({ fields: [], unsupported: expect.stringMatching(/array/) });
  });

  it('give a list or object input the shape its schema declares, for the value editor', () => {
    const { fields } = runInputFields({
      type: 'object',
      properties: {
        labels: { type: 'array', items: { type: 'string' }, description: 'Labels to add' },
        order: { type: 'object', properties: { id: { type: 'string' }, qty: { type: 'integer' } }, required: ['id'] },
        anything: {},
      },
    });
    expect(fields.map((f) => [f.name, f.json, f.shape])).toEqual([
      ['labels', true, { kind: 'array', item: { kind: 'string' } }],
      [
        'order',
        true,
        {
          kind: 'object',
          properties: [
            { key: 'id', label: 'id', shape: { kind: 'string' }, required: true },
            { key: 'qty', label: 'qty', shape: { kind: 'number', integer: true }, required: false },
          ],
        },
      ],
      ['anything', true, undefined],
    ]);
    expect(fields[0]?.field.description).toBe('Labels to add');
    // The schema's simple inputs have no shape: their own controls edit them.
    expect(runInputFields(schema).fields[0]?.shape).toBeUndefined();
  });

  it('prefill: what was entered, else the default, else an old file’s trigger sample', () => {
    const { fields } = runInputFields(schema);
    expect(prefillInputs(fields, {}, undefined)).toEqual({ priority: 3, urgent: false });
    expect(prefillInputs(fields, { subject: 'Refund', gone: 1 }, { subject: 'x', channel: 'chat', priority: 9 })).toEqual({
      subject: 'Refund',
      priority: 3,
      channel: 'chat',
      urgent: false,
    });
    expect(prefillInputs([], {}, { a: 1 })).toEqual({ a: 1 });
    expect(prefillInputs([], { b: 2 }, { a: 1 })).toEqual({ b: 2 });
  });

  it('finds a manual trigger’s non-empty sample', () => {
    expect(triggerSample([{ type: 'core.manual-trigger', config: { sample: {} } }])).toBeUndefined();
    expect(
      triggerSample([
        { type: 'core.transform', config: { sample: { a: 1 } } },
        { type: 'core.manual-trigger', config: { sample: { a: 2 } } },
      ]),
    ).toEqual({ a: 2 });
  });
});
