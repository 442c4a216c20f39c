import { describe, expect, it } from 'vitest';
import { agentNode } from '../nodes/types/agent.ts';
import { httpRequest } from '../nodes/types/http-request.ts';
import { transform } from '../nodes/types/transform.ts';
import { createSecretGuard } from './secret-guard.ts';

const VALUE = 'tok-5ecret-0123456789';
const b64 = (text: string): string => btoa(text);

describe('which fields send secrets', () => {
  it("matches a declared field and everything under it, '*' standing for one key", () => {
    expect(
      ['config.url', 'config.headers.Authorization', 'config.query.key', 'config.body', 'config.body.items.0'].map(httpRequest.sendsSecret),
    ).toEqual([true, true, true, true, true]);
    expect(['config.urls', 'config.method', 'url', 'config', 'config.headersX.a'].map(httpRequest.sendsSecret)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(agentNode.sendsSecret('config.tools.weather.config.headers.Authorization')).toBe(true);
    expect(agentNode.sendsSecret('config.tools.weather.name')).toBe(false);
    expect(agentNode.sendsSecret('config.task')).toBe(false);
    expect(transform.sendsSecret('config.expression')).toBe(false);
    expect([httpRequest.sendsSecrets, transform.sendsSecrets]).toEqual([true, false]);
  });
});

describe('createSecretGuard', () => {
  const guard = () => createSecretGuard({ get: (name) => (name === 'TOKEN' ? VALUE : undefined) });

  it('knows nothing until a secret is resolved, then finds it in any of its forms, named', () => {
    const secrets = guard();
    expect(secrets.find({ out: VALUE })).toBeUndefined();
    expect(secrets.resolve('TOKEN')).toBe(VALUE);
    const holders = [
      { out: VALUE },
      `Bearer ${VALUE}`,
      [VALUE.toUpperCase()],
      { b: b64(VALUE) },
      { b: b64(`x${VALUE}`) },
      { b: b64(`xy${VALUE}yz`) },
      `q=${encodeURIComponent(`a ${VALUE}`)}`,
      { [VALUE]: 1 },
    ];
    for (const holder of holders) expect(secrets.find(holder), JSON.stringify(holder)).toBe('TOKEN');
    expect(secrets.find({ out: VALUE.slice(0, 10), other: 'tok-5ecret' })).toBeUndefined();
  });

  it('finds a value with characters each URL encoder treats its own way, in a query, a path and a component', () => {
    const odd = "p!ss~w'rd(1) *x";
    const secrets = createSecretGuard({ get: () => odd });
    secrets.resolve('ODD');
    const url = new URL('http://h/');
    url.searchParams.append('k', odd);
    const holders = [
      url.href,
      new URL(`http://h/${odd}`).href,
      encodeURIComponent(odd),
      `k=${encodeURIComponent(odd).replace(/%20/g, '+')}`,
    ];
    for (const holder of holders) expect(secrets.find(holder), holder).toBe('ODD');
  });

  it('fails naming the secret and where it was going, never its value', () => {
    const secrets = guard();
    secrets.resolve('TOKEN');
    let thrown: unknown;
    try {
      secrets.check('t', { text: `x ${VALUE}` }, 'a memory record');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'OPR-190', nodeId: 't', details: { secret: 'TOKEN', field: 'a memory record' } });
    expect(JSON.stringify(thrown) + String((thrown as Error).message)).not.toContain(VALUE);
    expect(() => secrets.check('t', { text: 'harmless' }, 'a memory record')).not.toThrow();
  });

  it('redacts every string of a value, keys too, and leaves a value without secrets as it is', () => {
    const secrets = guard();
    secrets.resolve('TOKEN');
    const clean = { url: 'https://example.com/?q=1' };
    expect(secrets.redact(clean)).toBe(clean);
    expect(secrets.redact({ url: `https://h/?key=${VALUE.toUpperCase()}`, n: 1, [VALUE]: [b64(VALUE)] })).toEqual({
      url: 'https://h/?key=[secret:TOKEN]',
      n: 1,
      '[secret:TOKEN]': ['[secret:TOKEN]'],
    });
  });

  it('reports a secret that is not set with OPR-156', () => {
    expect(() => guard().resolve('NOPE')).toThrow(expect.objectContaining({ code: 'OPR-156' }));
  });
});
