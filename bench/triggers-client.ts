import { Agent, request } from 'node:http';

/** One answered request: its time and what it said. */
export interface Answer {
  n: number;
  ms: number;
  status: number;
  runId: string | undefined;
  /** The answer matched the request (`{ n, sum }`). */
  right: boolean;
}

export interface LoadOptions {
  port: number;
  path: string;
  headers: Record<string, string>;
  /** Requests in flight at once. */
  concurrency: number;
  count: number;
  /** The first request's `n` (each request's body is `{ a: 1, n }`, so every answer can be checked). */
  firstN: number;
}

/**
 * Sends `count` requests, `concurrency` at a time over keep-alive connections (one per slot), and resolves with every
 * answer and the wall time from the first request to the last answer.
 */
export async function load(options: LoadOptions): Promise<{ answers: Answer[]; ms: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const answers: Answer[] = [];
  let next = 0;
  const slot = async (): Promise<void> => {
    while (next < options.count) {
      const n = options.firstN + next++;
      answers.push(await once(agent, options, n));
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, slot));
  const ms = performance.now() - started;
  agent.destroy();
  return { answers, ms };
}

function once(agent: Agent, options: LoadOptions, n: number): Promise<Answer> {
  const body = JSON.stringify({ a: 1, n });
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port: options.port,
        path: options.path,
        method: 'POST',
        headers: { ...options.headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const ms = performance.now() - started;
          const right = answers(text, n);
          const runId = res.headers['x-operon-run-id'];
          resolve({ n, ms, status: res.statusCode ?? 0, runId: typeof runId === 'string' ? runId : undefined, right });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Whether `text` is the answer to request `n`: `{ n, sum: n + 1 }`. */
function answers(text: string, n: number): boolean {
  try {
    const answer = JSON.parse(text) as { n?: unknown; sum?: unknown };
    return answer.n === n && answer.sum === n + 1;
  } catch {
    return false;
  }
}

/** The `p`th percentile (0-100) of `values`, nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}
