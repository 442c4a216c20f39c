import { describe, expect, it } from 'vitest';
import { ProviderKeyNameSchema } from './desktop-contract.ts';

describe('ProviderKeyNameSchema: the names a stored provider key may have', () => {
  it('takes environment variable names that say they hold a key or a secret', () => {
    for (const name of ['OPENAI_API_KEY', 'OPENROUTER_API_KEY', 'AZURE_OPENAI_API_KEY', 'HF_TOKEN', 'MY_SECRET', 'OPERON_SECRET_SLACK'])
      expect(ProviderKeyNameSchema.safeParse(name).success, name).toBe(true);
  });

  it('refuses variables that change how the engine runs, and names that are not variables', () => {
    const problems = (name: string) => ProviderKeyNameSchema.safeParse(name).error?.issues.map((issue) => issue.message);
    for (const name of ['PATH', 'NODE_OPTIONS', 'LD_PRELOAD', 'OPERON_HOME', 'OPERON_SECRET_', 'OPENAI_BASE_URL'])
      expect(problems(name), name).toEqual([expect.stringContaining('a key name ends in _KEY')]);
    // A name that is no variable at all gets the one message that says so.
    expect(problems('openai key')).toEqual([expect.stringContaining('capitals, digits and _')]);
  });
});
