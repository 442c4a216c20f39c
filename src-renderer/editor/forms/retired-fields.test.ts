import { describe, expect, it } from 'vitest';
import { catalogueFromRegistry } from '../test-catalogue.ts';
import { deriveForm } from './derive-form.ts';
import { isRetiredAndEmpty } from './retired-fields.ts';

describe('retired config fields', () => {
  const trigger = catalogueFromRegistry().get('core.manual-trigger')!;
  const sample = deriveForm(trigger.configSchema).fields.find((f) => f.path[0] === 'sample')!;

  it('leave the manual trigger’s sample out while it is empty, and show an older file’s', () => {
    expect(isRetiredAndEmpty(trigger.configSchema, sample, {})).toBe(true);
    expect(isRetiredAndEmpty(trigger.configSchema, sample, undefined)).toBe(true);
    expect(isRetiredAndEmpty(trigger.configSchema, sample, { subject: 'Refund' })).toBe(false);
    expect(sample.description).toMatch(/Run form/);
  });

  it('keep every field that is not deprecated', () => {
    const llm = catalogueFromRegistry().get('core.llm')!;
    for (const field of deriveForm(llm.configSchema).fields) expect(isRetiredAndEmpty(llm.configSchema, field, undefined)).toBe(false);
  });
});
