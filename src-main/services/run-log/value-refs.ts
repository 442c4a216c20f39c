/**
 * Where value refs may stand in run logs (the ref itself, its size threshold and path: src-shared/run-log/value-ref.ts).
 * Only payload positions are ever replaced (see {@link mapEventPayloads}), so the reader resolves refs only there and a
 * user value that happens to look like a ref elsewhere is left alone.
 */

const RECORD_KEYS = ['inputs', 'outputs', 'data'] as const;

/**
 * Applies `fn` to every payload value of an event (or of a run.json document): each entry of `inputs`, `outputs` and
 * `data` when they are records (the value itself otherwise), `chunk`, and the `data` of approval requests
 * (`request.data`, `pending[].request.data`). Returns a shallow copy when something changed, else the same object.
 */
export function mapEventPayloads<T extends object>(event: T, fn: (value: unknown) => unknown): T {
  let copy: Record<string, unknown> | undefined;
  const source = event as Record<string, unknown>;
  const set = (key: string, value: unknown): void => {
    copy ??= { ...source };
    copy[key] = value;
  };
  for (const key of RECORD_KEYS) {
    if (!(key in source)) continue;
    const value = source[key];
    const mapped = isPlainRecord(value) ? mapRecord(value, fn) : mapValue(value, fn);
    if (mapped !== value) set(key, mapped);
  }
  if ('chunk' in source) {
    const mapped = mapValue(source.chunk, fn);
    if (mapped !== source.chunk) set('chunk', mapped);
  }
  if (source.type === 'node.llm') {
    // A model call: each message on its own, so a growing agent transcript stores every message once.
    if (isPlainRecord(source.request) && Array.isArray(source.request.messages)) {
      const messages = source.request.messages.map((message: unknown) => mapValue(message, fn));
      if (messages.some((message, i) => message !== (source.request as { messages: unknown[] }).messages[i]))
        set('request', { ...source.request, messages });
    }
    if ('response' in source) {
      const mapped = mapValue(source.response, fn);
      if (mapped !== source.response) set('response', mapped);
    }
  } else if (isPlainRecord(source.request)) {
    const mapped = mapRequest(source.request, fn);
    if (mapped !== source.request) set('request', mapped);
  }
  if (source.type === 'node.tool') {
    for (const key of ['arguments', 'result'] as const) {
      if (!(key in source)) continue;
      const mapped = mapValue(source[key], fn);
      if (mapped !== source[key]) set(key, mapped);
    }
  }
  if (Array.isArray(source.pending)) {
    let changed = false;
    const pending = source.pending.map((item: unknown) => {
      if (!isPlainRecord(item) || !isPlainRecord(item.request)) return item;
      const request = mapRequest(item.request, fn);
      if (request === item.request) return item;
      changed = true;
      return { ...item, request };
    });
    if (changed) set('pending', pending);
  }
  return (copy ?? event) as T;
}

function mapRequest(request: Record<string, unknown>, fn: (value: unknown) => unknown): Record<string, unknown> {
  if (!('data' in request)) return request;
  const data = mapValue(request.data, fn);
  return data === request.data ? request : { ...request, data };
}

function mapRecord(record: Record<string, unknown>, fn: (value: unknown) => unknown): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const value = record[key];
    const mapped = mapValue(value, fn);
    if (mapped !== value) {
      copy ??= { ...record };
      copy[key] = mapped;
    }
  }
  return copy ?? record;
}

function mapValue(value: unknown, fn: (value: unknown) => unknown): unknown {
  return value === undefined ? value : fn(value);
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
