import { describe, expect, it } from 'vitest';
import { redactJsonText } from './redact-json.ts';
import { createSecretService } from '../secrets.ts';

describe('redactJsonText', () => {
  it('keeps the text valid JSON when a secret also matches inside a number', () => {
    const secrets = createSecretService({ OPERON_SECRET_PIN: '123456' });
    secrets.get('pin');
    const json = JSON.stringify({ durationMs: 1234567, note: 'pin 123456' });
    const out = redactJsonText(json, secrets.redact);
    expect(JSON.parse(out)).toEqual({ durationMs: 1234567, note: 'pin [secret:PIN]' });
  });

  it('returns the same text when nothing is secret', () => {
    const json = '{"a":1}';
    expect(redactJsonText(json, (text) => text)).toBe(json);
  });
});
