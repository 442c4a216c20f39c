import { useState } from 'react';
import type { FieldDescriptor } from '../../../editor/forms/index.ts';
import { useProviders } from '../../../session/providers/use-providers.ts';

interface Props {
  id: string;
  testId: string;
  field: FieldDescriptor;
  value: unknown;
  onChange: (value: unknown) => void;
  config: Record<string, unknown> | undefined;
}

const OTHER = '\u0000other';

/**
 * A provider (kind provider) or a model of the provider chosen beside it (kind model), from the workspace's configured
 * providers. A provider that is not configured stays shown, marked; a model the provider does not list can be typed
 * ("Other model…"). Without the list (it could not be read), both are typed.
 */
export function ModelChoiceControl({ id, testId, field, value, onChange, config }: Props) {
  const providers = useProviders();
  const [typing, setTyping] = useState(false);
  const current = typeof value === 'string' ? value : typeof field.default === 'string' ? field.default : '';
  const text = (
    <input
      id={id}
      data-testid={testId}
      value={typeof value === 'string' ? value : ''}
      placeholder={current}
      onChange={(event) => onChange(event.currentTarget.value)}
    />
  );
  if (providers === undefined) return text;

  if (field.kind === 'provider') {
    const known = providers.some((provider) => provider.name === current);
    return (
      <select id={id} data-testid={testId} value={current} aria-invalid={!known} onChange={(event) => onChange(event.currentTarget.value)}>
        {!known && <option value={current}>{current === '' ? 'Choose a provider' : `${current} (not configured)`}</option>}
        {providers.map((provider) => (
          <option key={provider.name} value={provider.name}>
            {provider.name}
          </option>
        ))}
      </select>
    );
  }

  const providerName = typeof config?.provider === 'string' ? config.provider : 'openai';
  const models = providers.find((provider) => provider.name === providerName)?.models ?? [];
  if (models.length === 0 || typing) {
    return (
      <span className="model-choice">
        {text}
        {models.length > 0 && (
          <button type="button" className="small" onClick={() => setTyping(false)}>
            Pick from list
          </button>
        )}
      </span>
    );
  }
  return (
    <select
      id={id}
      data-testid={testId}
      value={current}
      onChange={(event) => {
        if (event.currentTarget.value === OTHER) setTyping(true);
        else onChange(event.currentTarget.value);
      }}
    >
      {!models.includes(current) && <option value={current}>{current === '' ? 'Choose a model' : `${current} (not listed)`}</option>}
      {models.map((model) => (
        <option key={model} value={model}>
          {model}
        </option>
      ))}
      <option value={OTHER}>Other model…</option>
    </select>
  );
}
