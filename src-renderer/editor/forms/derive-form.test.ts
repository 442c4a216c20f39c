import { describe, expect, it } from 'vitest';
import { catalogueFromRegistry } from '../test-catalogue.ts';
import { deriveForm, humanize } from './derive-form.ts';
import { fieldApplies, fieldsFor, type FieldDescriptor } from './field-descriptor.ts';

const catalogue = catalogueFromRegistry();
const field = (fields: FieldDescriptor[], key: string) => {
  const found = fields.find((f) => f.path[f.path.length - 1] === key);
  if (found === undefined) throw new Error(`no field ${key}`);
  return found;
};

describe('deriveForm', () => {
  it.each([...catalogue.values()].map((entry) => [entry.type, entry] as const))(
    'has a field for every config key of %s',
    (_type, entry) => {
      const form = deriveForm(entry.configSchema);
      const keys = Object.keys(entry.configSchema.properties as object);
      expect(form.fields.map((f) => f.path.join('.'))).toEqual(keys);
      for (const f of form.fields) {
        expect(f.label).not.toBe('');
        if (f.kind === 'object' && f.discriminator === undefined) expect(f.fields?.length).toBeGreaterThan(0);
        if (f.kind === 'list') expect(f.item).toBeDefined();
        if (f.kind === 'select') expect(f.options?.length).toBeGreaterThan(0);
      }
    },
  );

  it('honours ui hints and types', () => {
    const llm = deriveForm(catalogue.get('core.llm')!.configSchema).fields;
    expect(field(llm, 'prompt')).toMatchObject({ kind: 'template', label: 'Prompt', default: '{{ $string($) }}', required: false });
    expect(field(llm, 'history').kind).toBe('expression');
    expect(field(llm, 'schema').kind).toBe('schema');
    expect(field(llm, 'stop')).toMatchObject({ kind: 'list', item: { kind: 'text', minLength: 1 } });
    expect(field(llm, 'fallbackModels')).toMatchObject({ kind: 'list', item: { kind: 'model' } });
    expect(field(llm, 'provider').kind).toBe('provider');
    expect(field(llm, 'output')).toMatchObject({ kind: 'select', options: [{ value: 'text' }, { value: 'json' }] });
    expect(field(llm, 'temperature')).toMatchObject({ kind: 'number', min: 0, max: 2 });
    expect(field(llm, 'maxTokens')).toMatchObject({ kind: 'integer', min: 0, exclusiveMin: true, label: 'Max tokens' });
    expect(field(llm, 'maxTokens').max).toBeUndefined();
    expect(field(llm, 'stream').kind).toBe('toggle');
    expect(field(llm, 'model').kind).toBe('model');
  });

  it('walks arrays of objects (Router routes) and nested objects (Map node)', () => {
    const routes = field(deriveForm(catalogue.get('core.router')!.configSchema).fields, 'routes');
    expect(routes.kind).toBe('list');
    expect(routes.item?.kind).toBe('object');
    expect(routes.item?.fields?.map((f) => [f.path, f.kind])).toEqual([
      [['name'], 'text'],
      [['expression'], 'expression'],
    ]);
    const node = field(deriveForm(catalogue.get('core.map')!.configSchema).fields, 'node');
    expect(node.kind).toBe('node');
    expect(node.fields?.map((f) => [f.path, f.kind])).toEqual([
      [['node', 'type'], 'text'],
      [['node', 'config'], 'json'],
    ]);
  });

  it('turns the agent tools union into a select on kind plus the variant fields', () => {
    const tools = field(deriveForm(catalogue.get('core.agent')!.configSchema).fields, 'tools');
    expect(tools).toMatchObject({ kind: 'list', jsonView: true });
    expect(field(fieldsFor(tools.item!, { kind: 'http' }), 'parameters').kind).toBe('schema');
    const item = tools.item!;
    expect(item.kind).toBe('object');
    expect(item.discriminator?.key).toBe('kind');
    expect(item.fields?.[0]).toMatchObject({ path: ['kind'], kind: 'select', required: true });
    expect(item.fields?.[0]?.options?.map((o) => o.value)).toEqual(['http', 'read_file', 'workflow', 'memory_search']);
    const http = fieldsFor(item, { kind: 'http' });
    expect(http.map((f) => f.path.join('.'))).toEqual(['kind', 'name', 'description', 'requiresApproval', 'parameters', 'config']);
    expect(field(http, 'description').kind).toBe('textarea');
    const config = field(http, 'config');
    expect(config.fields?.map((f) => [f.path.join('.'), f.kind])).toEqual([
      ['config.method', 'select'],
      ['config.url', 'template'],
      ['config.headers', 'record'],
      ['config.body', 'json'],
    ]);
    const search = field(fieldsFor(item, { kind: 'memory_search' }), 'config');
    expect(field(search.fields!, 'topK')).toMatchObject({ kind: 'integer', min: 1, max: 100, default: 5 });
    expect(fieldsFor(item, { kind: 'nope' })).toHaveLength(1);
  });

  it('turns open records of scalars into key-value tables and leaves records of anything to the value editor', () => {
    const http = deriveForm(catalogue.get('core.http-request')!.configSchema).fields;
    expect(field(http, 'headers')).toMatchObject({ kind: 'record', item: { kind: 'template' } });
    expect(field(http, 'query')).toMatchObject({ kind: 'record', item: { kind: 'template' } });
    expect(field(http, 'body').kind).toBe('json');
    const form = deriveForm({
      type: 'object',
      properties: {
        counts: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } },
        anything: { type: 'object', additionalProperties: {} },
        mixed: { type: 'object', additionalProperties: { type: ['string', 'number'] } },
        list: { type: 'array', items: {} },
      },
    });
    expect(field(form.fields, 'counts')).toMatchObject({ kind: 'record', item: { kind: 'integer', min: 0 } });
    expect(field(form.fields, 'anything').kind).toBe('json');
    expect(field(form.fields, 'mixed').kind).toBe('json');
    expect(field(form.fields, 'list').kind).toBe('json');
  });

  it('reads anyOf/oneOf of consts as a select, secret hints, nullable and required', () => {
    const form = deriveForm({
      type: 'object',
      required: ['level'],
      properties: {
        level: { anyOf: [{ const: 'low', title: 'Low' }, { const: 'high' }, { enum: ['x', 'y'] }] },
        token: { type: 'string', ui: 'secret' },
        note: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        count: { type: ['integer', 'null'], minimum: 1 },
        nested: { type: 'object', properties: { deep: { type: 'boolean', default: true } } },
      },
    });
    expect(field(form.fields, 'level')).toMatchObject({
      kind: 'select',
      required: true,
      options: [
        { value: 'low', label: 'Low' },
        { value: 'high', label: 'high' },
        { value: 'x', label: 'x' },
        { value: 'y', label: 'y' },
      ],
    });
    expect(field(form.fields, 'token').kind).toBe('secret');
    expect(field(form.fields, 'note')).toMatchObject({ kind: 'text', nullable: true, required: false });
    expect(field(form.fields, 'count')).toMatchObject({ kind: 'integer', nullable: true, min: 1 });
    expect(field(form.fields, 'nested').fields?.[0]).toMatchObject({ path: ['nested', 'deep'], kind: 'toggle', default: true });
  });

  it('humanizes keys', () => {
    expect(humanize('maxCostUsd')).toBe('Max cost USD');
    expect(humanize('timeoutMs')).toBe('Timeout (ms)');
    expect(humanize('topK')).toBe('Top K');
    expect(humanize('baseUrl')).toBe('Base URL');
    expect(humanize('on_item_error')).toBe('On item error');
  });
});

describe('trigger fields', () => {
  it('gives the Schedule trigger a cron field, a time-zone picker and fields shown by mode', () => {
    const fields = deriveForm(catalogue.get('core.schedule-trigger')!.configSchema).fields;
    expect(field(fields, 'cron').kind).toBe('cron');
    expect(field(fields, 'timezone').kind).toBe('timezone');
    const shown = (config: Record<string, unknown>) => fields.filter((f) => fieldApplies(f, config, fields)).map((f) => f.path.join('.'));
    // An empty config reads as the defaults: mode cron.
    expect(shown({})).toEqual(['mode', 'cron', 'timezone']);
    expect(shown({ mode: 'interval' })).toEqual(['mode', 'everySeconds']);
  });

  it("shows the Webhook trigger's reply fields only when it waits for the run", () => {
    const fields = deriveForm(catalogue.get('core.webhook-trigger')!.configSchema).fields;
    const shown = (config: Record<string, unknown>) => fields.filter((f) => fieldApplies(f, config, fields)).map((f) => f.path.join('.'));
    expect(shown({})).not.toContain('responseOutput');
    expect(shown({ respond: 'whenDone' })).toEqual(expect.arrayContaining(['responseOutput', 'responseTimeoutMs']));
  });

  it('gives the Workflow finished trigger a workflow picker', () => {
    const fields = deriveForm(catalogue.get('core.workflow-finished-trigger')!.configSchema).fields;
    expect(field(fields, 'workflowId').kind).toBe('workflow');
  });
});
