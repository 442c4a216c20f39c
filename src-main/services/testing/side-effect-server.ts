import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP API with side effects that honours `Idempotency-Key` the way a real one does (Stripe's, say): the
 * first request with a key is carried out and its answer kept; a later request with the same key is recognised as a
 * replay and gets the kept answer without being carried out again. It counts what an at-least-once client must never
 * cause: the same effect carried out under two different keys (the client made up a new key for a request it sent
 * again), or a change sent with no key at all. Used by the kill-and-resume tests and `npm run soak`.
 *
 * `POST|PUT|PATCH|DELETE /effect/<name>?trial=<id>` is one effect, named by trial and name (a run and its node);
 * the answer is `{ ok, effect, echo }` where `echo` is the request body parsed. `GET /effect/<name>` is a read,
 * answered `{ read: name }` and never counted.
 */
export interface SideEffectServer {
  url: string;
  /**
   * Called with each request of trial `trial` before it is answered; the answer waits until the promise settles (so a
   * test can kill the client between the effect and its answer). One hook a trial; undefined removes it.
   */
  setHook(trial: string, hook: ((request: EffectRequest) => Promise<void> | void) | undefined): void;
  /** Called once each answer has been handed to the operating system. */
  onAnswered(listener: (request: EffectRequest) => void): () => void;
  /** What trial `trial` caused: its effects by name and the keys seen for each. */
  trial(trial: string): TrialEffects;
  close(): Promise<void>;
}

export interface EffectRequest {
  method: string;
  name: string;
  trial: string;
  key: string | undefined;
  /** The request's number in its trial, from 1 (reads included). */
  index: number;
  /** Whether it carried out an effect (a new key, or no key), rather than a read or a recognised replay. */
  effect: boolean;
}

export interface TrialEffects {
  /** Requests seen, reads and replays included. */
  requests: number;
  /** Effects carried out, by name. */
  effects: Record<string, number>;
  /** Requests recognised as replays of a kept answer (the same key again). */
  replays: number;
  /** Effects carried out twice: the same name under a second key, or a change sent with no key. */
  repeated: number;
}

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function startSideEffectServer(): Promise<SideEffectServer> {
  const trials = new Map<string, TrialEffects & { keysByName: Map<string, Set<string>> }>();
  const kept = new Map<string, string>();
  const answered = new Set<(request: EffectRequest) => void>();
  const hooks = new Map<string, (request: EffectRequest) => Promise<void> | void>();
  const trialOf = (trial: string): TrialEffects & { keysByName: Map<string, Set<string>> } => {
    let entry = trials.get(trial);
    if (entry === undefined) trials.set(trial, (entry = { requests: 0, effects: {}, replays: 0, repeated: 0, keysByName: new Map() }));
    return entry;
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://loopback');
      const name = decodeURIComponent(url.pathname.replace(/^\/effect\//, ''));
      const trialId = url.searchParams.get('trial') ?? '';
      const method = request.method ?? 'GET';
      const header = request.headers['idempotency-key'];
      const key = typeof header === 'string' ? header : undefined;
      const trial = trialOf(trialId);
      trial.requests++;
      let body: string;
      let effect = false;
      if (!CHANGES.has(method)) body = JSON.stringify({ read: name });
      else if (key !== undefined && kept.has(`${trialId}\n${key}`)) {
        trial.replays++;
        body = kept.get(`${trialId}\n${key}`)!;
      } else {
        effect = true;
        const keys = trial.keysByName.get(name) ?? new Set<string>();
        trial.keysByName.set(name, keys);
        if (key === undefined || keys.size > 0) trial.repeated++;
        if (key !== undefined) keys.add(key);
        trial.effects[name] = (trial.effects[name] ?? 0) + 1;
        const text = Buffer.concat(chunks).toString('utf8');
        body = JSON.stringify({ ok: true, effect: name, echo: text === '' ? null : (JSON.parse(text) as unknown) });
        if (key !== undefined) kept.set(`${trialId}\n${key}`, body);
      }
      const seen: EffectRequest = { method, name, trial: trialId, key, index: trial.requests, effect };
      const answer = (): void => {
        if (response.destroyed) return; // its client was killed while the hook held it
        response.once('finish', () => {
          for (const listener of [...answered]) listener(seen);
        });
        response.writeHead(200, { 'content-type': 'application/json', connection: 'close' }).end(body);
      };
      void Promise.resolve(hooks.get(trialId)?.(seen)).then(answer, answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setHook: (trial, hook) => {
      if (hook === undefined) hooks.delete(trial);
      else hooks.set(trial, hook);
    },
    onAnswered: (listener) => {
      answered.add(listener);
      return () => answered.delete(listener);
    },
    trial: (trial) => {
      const { keysByName: _keys, ...effects } = trialOf(trial);
      return { ...effects, effects: { ...effects.effects } };
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}
