import { z } from 'zod';
import type { ConfigProblem } from './static-expressions.ts';

/** What an API key looks like: a provider is named in a workflow, its key stays in the environment. */
const LOOKS_LIKE_KEY = /^sk-|^[A-Za-z0-9_-]{40,}$/;
/** Provider names as the workspace's providers.json and OPERON_PROVIDER_<NAME>_BASE_URL give them. */
const PROVIDER_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** The config fields every node that calls a model has, declared once so the LLM and Agent nodes agree. */
export const ModelChoiceFields = {
  provider: z
    .string()
    .default('openai')
    .meta({ ui: 'provider' })
    .describe(
      'The model provider, by name: "openai" (OPENAI_API_KEY) or one in the workspace providers.json (Ollama, LM Studio, vLLM…). Never an API key: keys stay in the environment.',
    ),
  model: z.string().default('gpt-4o-mini').describe('The model to ask, as the provider names it.').meta({ ui: 'model' }),
  fallbackModels: z
    .array(z.string().min(1).meta({ ui: 'model' }))
    .default([])
    .describe('Models of the same provider to try, in order, when the model keeps failing after its retries.'),
  temperature: z.number().min(0).max(2).optional().describe('Sampling temperature, 0 to 2; the provider default when unset.'),
  cache: z
    .boolean()
    .default(false)
    .describe('Reuse the recorded answer to an identical request (provider, model, messages and parameters) instead of asking again.'),
  retries: z
    .int()
    .min(0)
    .max(10)
    .default(2)
    .describe('Retries per model of errors that may pass (rate limits, 5xx, timeouts), honouring Retry-After.'),
};

/** The provider is a name (never a key) and the model is given. */
export function checkModelChoice(config: { provider: string; model: string }): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (config.provider.trim() === '') problems.push({ path: 'provider', message: 'is required' });
  else if (LOOKS_LIKE_KEY.test(config.provider)) {
    problems.push({ path: 'provider', message: 'looks like an API key: name the provider here and set its key in the environment' });
  } else if (!PROVIDER_NAME.test(config.provider)) {
    problems.push({ path: 'provider', message: 'a provider name is lower-case letters, digits, "-" and "_" (as in providers.json)' });
  }
  if (config.model.trim() === '') problems.push({ path: 'model', message: 'is required' });
  return problems;
}
