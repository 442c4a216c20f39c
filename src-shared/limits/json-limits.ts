import { OperonError } from '../errors/operon-error.ts';

/**
 * How deep JSON from outside may nest: workflow files, run inputs, model answers and API messages.
 *
 * Zod, the JSON Schema validator, JSONata, structuredClone and the run log all recurse once (or more) per level, so a
 * value nested a few thousand levels deep overflows the stack wherever it goes next (the hardening issue saw crashes
 * from about 2,600 levels). 128 is 20 times under the lowest crash seen, which leaves room for a value handled deep
 * inside the engine's own calls (a Map in a sub-workflow, an expression over it) on a smaller stack; and it is 14 times
 * the deepest shipped example or fixture (9 levels, a JSON Schema inside an agent's tool). serde_json uses the same
 * limit; System.Text.Json's default is 64.
 */
export const MAX_JSON_DEPTH = 128;

/**
 * How many characters of JSON text a workflow file or an inputs file may have: 16 MiB, the size the desktop app
 * already opens (src-main/electron/workflow-files.ts). Text past it is refused before it is parsed.
 */
export const MAX_JSON_TEXT_CHARS = 16 * 1024 * 1024;

/** A key anywhere in a document that changes meaning when it is copied: `copy['__proto__'] = v` sets a prototype. */
export const PROTO_KEY = '__proto__';

/** Where a value first nests deeper than the limit. */
export interface TooDeep {
  /** `nested deeper than 128 levels (the limit)`. */
  message: string;
  /** The path people read (`nodes[3].settings.fallback.a.a…(120 more levels)…a.a.a`), its middle elided. */
  path: string;
  /** The keys from the top to there. */
  keys: PropertyKey[];
}

export interface JsonScan {
  /** Where the value first nests deeper than the limit; else undefined. */
  tooDeep: TooDeep | undefined;
  /** The `__proto__` keys (own properties, as JSON.parse makes them), when asked for. */
  protoKeys: { path: string; keys: PropertyKey[] }[];
}

interface Frame {
  value: unknown;
  depth: number;
  key: PropertyKey;
  parent: Frame | undefined;
}

/**
 * Walks a JSON value without recursion (so a hostile value cannot overflow the stack here) and reports the first place
 * it nests deeper than `maxDepth` containers; a branch is not followed past the limit. `root` prefixes the paths
 * (`nodes[3].settings.fallback`). With `findProtoKeys`, it also lists every `__proto__` key.
 */
export function scanJson(value: unknown, options: { maxDepth?: number; root?: string; findProtoKeys?: boolean } = {}): JsonScan {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  const protoKeys: JsonScan['protoKeys'] = [];
  let tooDeep: TooDeep | undefined;
  const stack: Frame[] = [{ value, depth: 1, key: '', parent: undefined }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const current = frame.value;
    if (current === null || typeof current !== 'object') continue;
    if (frame.depth > maxDepth) {
      tooDeep ??= {
        message: `nested deeper than ${maxDepth} levels (the limit)`,
        path: describePath(frame, options.root),
        keys: keysOf(frame),
      };
      if (options.findProtoKeys !== true) break;
      continue;
    }
    if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--)
        stack.push({ value: current[index], depth: frame.depth + 1, key: index, parent: frame });
      continue;
    }
    const keys = Object.keys(current);
    for (let index = keys.length - 1; index >= 0; index--) {
      const key = keys[index]!;
      const child: Frame = { value: (current as Record<string, unknown>)[key], depth: frame.depth + 1, key, parent: frame };
      if (key === PROTO_KEY && options.findProtoKeys === true)
        protoKeys.push({ path: describePath(child, options.root), keys: keysOf(child) });
      stack.push(child);
    }
  }
  return { tooDeep, protoKeys };
}

/** Throws OPR-006 when `value` nests deeper than the limit; `what` names the value (`run inputs`, `the model's answer`). */
export function assertJsonDepth(value: unknown, what: string, root?: string): void {
  const { tooDeep } = scanJson(value, root === undefined ? {} : { root });
  if (tooDeep !== undefined) throw new OperonError('OPR-006', `${what} is ${describeTooDeep(tooDeep)}`);
}

/** `nested deeper than 128 levels (the limit) at inputs.a.a…`. */
export function describeTooDeep(tooDeep: TooDeep): string {
  return `${tooDeep.message} at ${tooDeep.path}`;
}

/** A message naming the size limit when `text` is longer than it, else undefined. */
export function textTooLarge(text: string, what: string, maxChars = MAX_JSON_TEXT_CHARS): string | undefined {
  if (text.length <= maxChars) return undefined;
  return `${what} has ${text.length.toLocaleString('en')} characters: the limit is ${maxChars.toLocaleString('en')} (${formatMiB(maxChars)})`;
}

function formatMiB(chars: number): string {
  return `${Math.round((chars / 1024 / 1024) * 10) / 10} MiB`;
}

/** How many path segments are shown in full at each end before the middle is elided. */
const SHOWN_AT_START = 6;
const SHOWN_AT_END = 3;

/** The frame's path as people write it (`nodes[3].config.a.b`), its middle elided when it is long. */
function describePath(frame: Frame, root: string | undefined): string {
  const keys = keysOf(frame);
  const segment = (key: PropertyKey): string => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`);
  const middle = keys.length - SHOWN_AT_START - SHOWN_AT_END;
  const shown =
    middle > 1
      ? `${keys.slice(0, SHOWN_AT_START).map(segment).join('')}…(${middle} more levels)…${keys.slice(-SHOWN_AT_END).map(segment).join('').replace(/^\./, '')}`
      : keys.map(segment).join('');
  const base = root ?? '';
  const path = `${base}${shown}`;
  if (path === '') return 'the top level';
  return path.startsWith('.') ? path.slice(1) : path;
}

function keysOf(frame: Frame): PropertyKey[] {
  const keys: PropertyKey[] = [];
  for (let at: Frame | undefined = frame; at?.parent !== undefined; at = at.parent) keys.push(at.key);
  return keys.reverse();
}
