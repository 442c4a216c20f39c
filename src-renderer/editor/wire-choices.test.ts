import { describe, expect, it } from 'vitest';
import { catalogueFromRegistry, portsForRegistry } from './test-catalogue.ts';
import { filterChoices, firstLink, wireChoices } from './wire-choices.ts';

const catalogue = catalogueFromRegistry();
const portsFor = portsForRegistry();
const typesOf = (choices: ReturnType<typeof wireChoices>) => choices.map((choice) => choice.entry.type);

describe('wireChoices', () => {
  it('offers, for a wire leaving an output, the types with an input of a fitting type, and never a trigger', () => {
    const fromNumber = wireChoices(catalogue, portsFor, { type: 'number', required: false }, 'source');
    const types = typesOf(fromNumber);
    expect(types).toContain('core.output');
    expect(types).not.toContain('core.manual-trigger');
    expect(types).not.toContain('core.map'); // its only input takes an array
    expect(types).not.toContain('core.sub-workflow'); // object only
    expect(fromNumber.find((choice) => choice.entry.type === 'core.merge')?.port).toBe('in1');
  });

  it('offers, for a wire drawn back from an input, the types with an output of a fitting type', () => {
    const intoObject = wireChoices(catalogue, portsFor, { type: 'object', required: true }, 'target');
    const types = typesOf(intoObject);
    expect(types).toContain('core.manual-trigger');
    expect(types).not.toContain('core.output'); // no outputs
    expect(types).not.toContain('core.memory-delete'); // a number
    expect(intoObject.find((choice) => choice.entry.type === 'core.approval')?.port).toBe('approved');
  });

  it('offers every type when there is no wire', () => {
    expect(wireChoices(catalogue, portsFor, undefined)).toHaveLength(catalogue.size);
  });
});

describe('filterChoices', () => {
  it('keeps the choices that contain every word of the query, in any field', () => {
    const all = wireChoices(catalogue, portsFor, undefined);
    expect(typesOf(filterChoices(all, '  '))).toHaveLength(all.length);
    expect(typesOf(filterChoices(all, 'HTTP request'))).toContain('core.http-request');
    expect(typesOf(filterChoices(all, 'HTTP request'))).not.toContain('core.output');
    expect(typesOf(filterChoices(all, 'memory write'))).toEqual(['core.memory-write']);
    expect(filterChoices(all, 'no such thing')).toEqual([]);
  });
});

describe('firstLink', () => {
  it('takes the first output that fits an input, in declared order', () => {
    const any = { type: 'any', required: false } as const;
    expect(firstLink({ out: any, error: any }, { in: any })).toEqual({ output: 'out', input: 'in' });
    expect(firstLink({ count: { type: 'number', required: false } }, { items: { type: 'array', required: true } })).toBeUndefined();
    expect(
      firstLink(
        { list: { type: 'array', required: false }, n: { type: 'number', required: false } },
        { x: { type: 'number', required: false } },
      ),
    ).toEqual({
      output: 'n',
      input: 'x',
    });
  });
});
