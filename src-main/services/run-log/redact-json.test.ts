import { describe, expect, it } from 'vitest';
import { redactJsonText, redactValue } from './redact-json.ts';
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

describe('redactValue', () => {
  it('returns the same object and its JSON when nothing is secret', () => {
    const value = { type: 'node.log', message: 'hello' };
    const out = redactValue(value, (text) => text);
    expect(out.value).toBe(value);
    expect(out.json).toBe(JSON.stringify(value));
  });

  it('returns a redacted copy, and the text it was parsed from, leaving the original alone', () => {
    const secrets = createSecretService({ OPERON_SECRET_TOKEN: 'tok-0123456789' });
    secrets.get('token');
    const value = { inputs: { auth: 'Bearer tok-0123456789', n: 1 } };
    const out = redactValue(value, secrets.redact);
    expect(out.value).toEqual({ inputs: { auth: 'Bearer [secret:TOKEN]', n: 1 } });
    expect(JSON.parse(out.json)).toEqual(out.value);
    expect(value.inputs.auth).toBe('Bearer tok-0123456789');
  });
});
