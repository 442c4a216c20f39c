/** Key names offered in the name field: the providers docs/models.md describes, by the variable each is read from. */
export const COMMON_KEY_NAMES: readonly [name: string, what: string][] = [
  ['OPENAI_API_KEY', 'OpenAI (provider "openai")'],
  ['OPENROUTER_API_KEY', 'OpenRouter (apiKeyEnv in providers.json)'],
  ['AZURE_OPENAI_API_KEY', 'Azure OpenAI (apiKeyEnv in providers.json)'],
  ['OPERON_SECRET_', 'A secret: OPERON_SECRET_<NAME>, read by apiKeySecret and workflows'],
];
