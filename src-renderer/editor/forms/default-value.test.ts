import { describe, expect, it } from 'vitest';
import { catalogueFromRegistry } from '../test-catalogue.ts';
import { deriveForm } from './derive-form.ts';
import { defaultValue, newListItem } from './default-value.ts';
import type { FieldDescriptor } from './field-descriptor.ts';

const catalogue = catalogueFromRegistry();
const fieldOf = (type: string, key: string): FieldDescriptor => {
  const found = deriveForm(catalogue.get(type)!.configSchema).fields.find((f) => f.path.join('.') === key);
  if (found === undefined) throw new Error(`no field ${key}`);
  return found;
};

describe('new values', () => {
  it('starts a route from the schema defaults, with a name not yet taken', () => {
    const routes = fieldOf('core.router', 'routes');
    expect(newListItem(routes.item!, [])).toEqual({ name: 'route', expression: 'true' });
    expect(newListItem(routes.item!, [{ name: 'route' }, { name: 'route-2' }])).toEqual({ name: 'route-3', expression: 'true' });
  });

  it('starts a tool as the first kind of the union with its defaults', () => {
    const tool = newListItem(fieldOf('core.agent', 'tools').item!, []) as Record<string, unknown>;
    expect(tool).toMatchObject({ kind: 'http', requiresApproval: false, parameters: { type: 'object' } });
    expect(typeof tool.name).toBe('string');
  });

  it('gives each kind an empty value', () => {
    expect(defaultValue(fieldOf('core.http-request', 'headers'))).toEqual({});
    expect(defaultValue({ path: [], label: 'n', kind: 'integer', required: true, min: 1 })).toBe(1);
    expect(defaultValue({ path: [], label: 's', kind: 'text', required: true })).toBe('');
    expect(defaultValue({ path: [], label: 'j', kind: 'json', required: true })).toBeNull();
  });
});
