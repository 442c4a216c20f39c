import { describe, expect, it } from 'vitest';
import { createSecretService, hasRedactedSecret } from './secrets.ts';

describe('createSecretService', () => {
  const env = {
    OPERON_SECRET_OPENAI_KEY: 'sk-live-1234',
    OPERON_SECRET_QUOTED: 'pa"ss\\word',
    OPERON_SECRET_PIN: '12',
    OPERON_SECRET_EMPTY: '',
  };

  it('reads OPERON_SECRET_<NAME> with case-insensitive names', () => {
    const secrets = createSecretService(env);
    expect(secrets.get('openai_key')).toBe('sk-live-1234');
    expect(secrets.get('OpenAI_Key')).toBe('sk-live-1234');
    expect(secrets.get('missing')).toBeUndefined();
    expect(secrets.get('empty')).toBeUndefined();
    expect(() => secrets.require('missing')).toThrow(
      expect.objectContaining({ code: 'OPR-156', message: expect.stringContaining('OPERON_SECRET_MISSING') as unknown }),
    );
  });

  it('redacts every value in the store from the start, raw and JSON-escaped', () => {
    const secrets = createSecretService(env);
    const text = 'key=sk-live-1234 pw=pa"ss\\word';
    expect(secrets.redact(text)).toBe('key=[secret:OPENAI_KEY] pw=pa"ss\\word'.replace('pa"ss\\word', '[secret:QUOTED]'));
    expect(secrets.redact(JSON.stringify({ pw: 'pa"ss\\word', k: 'sk-live-1234sk-live-1234' }))).toBe(
      '{"pw":"[secret:QUOTED]","k":"[secret:OPENAI_KEY][secret:OPENAI_KEY]"}',
    );
    expect(secrets.redact('nothing secret here')).toBe('nothing secret here');
  });

  it('redacts and finds the forms a value takes inside larger ones: any case, URL-encoded, base64 at any offset', () => {
    const value = 'tok en/0123456789';
    const secrets = createSecretService({ OPERON_SECRET_TOKEN: value });
    const forms = [
      value.toUpperCase(),
      `q=${encodeURIComponent(value)}&x=1`,
      `q=${encodeURIComponent(value).replace(/%20/g, '+')}`,
      Buffer.from(value).toString('base64'),
      `Basic ${Buffer.from(`ana:${value}`).toString('base64')}`,
      `Basic ${Buffer.from(`an:${value}`).toString('base64url')}`,
    ];
    for (const form of forms) {
      expect(secrets.find(form), form).toBe('TOKEN');
      expect(secrets.redact(form), form).toContain('[secret:TOKEN]');
    }
    expect(secrets.find('tok en/012345678 is a different value')).toBeUndefined();
  });

  it('does not redact values shorter than 4 characters', () => {
    const secrets = createSecretService(env);
    expect(secrets.get('pin')).toBe('12');
    expect(secrets.redact('a 12 b')).toBe('a 12 b');
  });

  it('replaces a longer secret whole when it contains a shorter one', () => {
    const secrets = createSecretService({ OPERON_SECRET_SHORT: 'abcd', OPERON_SECRET_LONG: 'xxabcdxx' });
    secrets.get('short');
    secrets.get('long');
    expect(secrets.redact('xxabcdxx abcd')).toBe('[secret:LONG] [secret:SHORT]');
  });

  it('redacts adopted values that did not come from OPERON_SECRET_*', () => {
    const secrets = createSecretService({});
    const text = 'Authorization: Bearer sk-from-openai-env "sk-\\quoted"';
    expect(secrets.redact(text)).toBe(text);
    secrets.adopt('openai_api_key', 'sk-from-openai-env');
    secrets.adopt('quoted', 'sk-\\quoted');
    secrets.adopt('short', 'abc');
    expect(secrets.redact(text)).toBe('Authorization: Bearer [secret:OPENAI_API_KEY] "[secret:QUOTED]"');
    expect(secrets.redact(JSON.stringify({ key: 'sk-\\quoted' }))).toBe('{"key":"[secret:QUOTED]"}');
    expect(secrets.redact('abc')).toBe('abc');
    expect(secrets.get('openai_api_key')).toBeUndefined();
  });
});

describe('hasRedactedSecret', () => {
  it('finds the placeholder redact leaves, and nothing else', () => {
    const secrets = createSecretService({ OPERON_SECRET_API_KEY: 'sk-very-secret-value' });
    secrets.get('API_KEY');
    expect(hasRedactedSecret(secrets.redact('{"auth":"Bearer sk-very-secret-value"}'))).toBe(true);
    expect(hasRedactedSecret('{"note":"[secret:] or [secret:lower] are not placeholders"}')).toBe(false);
  });
});
