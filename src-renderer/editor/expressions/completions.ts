import { JSONATA_FUNCTIONS, OPERON_FUNCTIONS, OPERON_VARIABLES } from '../../../src-shared/expressions/function-catalogue.ts';

/** What an expression field can offer: the node's input `$`, the run inputs and the node's input ports. */
export interface CompletionSources {
  /** The input `$`: fields known statically (with descriptions) and the last known value (a run or a pin). */
  input?: { fields: Readonly<Record<string, string | undefined>>; value?: unknown; from: string };
  /** `$run`: the declared run inputs and the last run's values. */
  run: { fields: Readonly<Record<string, string | undefined>>; value?: unknown };
  /** `$inputs`: the node's input ports, each with where it comes from and its last value. */
  ports: readonly { name: string; from?: string; value?: unknown }[];
}

export type CompletionKind = 'field' | 'run-input' | 'port' | 'variable' | 'function';

export interface Completion {
  label: string;
  /** The text that replaces `from`..`to`. */
  insert: string;
  /** Where the caret goes within `insert` (inside a function's parentheses); its end when absent. */
  caret?: number;
  kind: CompletionKind;
  /** A signature, a description or where the value comes from: one line. */
  detail: string;
}

export interface CompletionResult {
  from: number;
  to: number;
  items: Completion[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const WORD_BEFORE = /(?:\$\$?|\$?[A-Za-z_][A-Za-z0-9_]*)$/;
const PATH_BEFORE = /(?:\$\$?[A-Za-z_]*|[A-Za-z_][A-Za-z0-9_]*|`[^`]*`)(?:\.(?:[A-Za-z_][A-Za-z0-9_]*|`[^`]*`))*\.$/;

/**
 * The completions at `caret` in an expression, or in the `{{ }}` placeholder of a template the caret is in (none
 * outside one). After `$`: functions and Operon's variables; after a path and `.`: that value's fields (run inputs
 * after `$run.`, ports after `$inputs.`); otherwise the input's fields, then variables and functions. Undefined when
 * there is nothing to offer there.
 */
export function completionsAt(
  text: string,
  caret: number,
  kind: 'expression' | 'template',
  sources: CompletionSources,
): CompletionResult | undefined {
  const start = kind === 'template' ? placeholderStart(text, caret) : 0;
  if (start === undefined) return undefined;
  const before = text.slice(start, caret);
  const word = WORD_BEFORE.exec(before)?.[0] ?? '';
  const from = caret - word.length;
  const head = before.slice(0, before.length - word.length);
  const path = head.endsWith('.') ? PATH_BEFORE.exec(head)?.[0] : undefined;
  let items: Completion[];
  if (path !== undefined) items = memberCompletions(splitPath(path.slice(0, -1)), sources);
  else if (head.endsWith('.')) return undefined;
  else items = word.startsWith('$') ? dollarCompletions() : [...fieldCompletions(sources), ...dollarCompletions()];
  const typed = word.replace(/^\$/, '').toLowerCase();
  const matching = items.filter((item) => item.label.replace(/^\$/, '').toLowerCase().startsWith(typed) && item.label !== word);
  return matching.length === 0 ? undefined : { from, to: caret, items: matching };
}

/** The offset just after the `{{` of the placeholder the caret is in, or undefined outside one. */
export function placeholderStart(text: string, caret: number): number | undefined {
  const open = text.lastIndexOf('{{', caret - 2);
  if (open === -1) return undefined;
  const close = text.indexOf('}}', open + 2);
  return close !== -1 && close < caret ? undefined : open + 2;
}

function splitPath(path: string): string[] {
  return (path.match(/`[^`]*`|[^.]+/g) ?? []).map((step) => step.replace(/^`|`$/g, ''));
}

function memberCompletions([head, ...rest]: string[], sources: CompletionSources): Completion[] {
  if (head === '$run') {
    if (rest.length === 0) return namedFields(sources.run.fields, sources.run.value, 'run-input', 'Run input');
    return valueFields(at(sources.run.value, rest), 'field');
  }
  if (head === '$inputs') {
    const [port, ...more] = rest;
    if (port === undefined)
      return sources.ports.map((p) => ({
        label: p.name,
        insert: p.name,
        kind: 'port',
        detail: p.from === undefined ? 'Input port' : `From ${p.from}`,
      }));
    return valueFields(at(sources.ports.find((p) => p.name === port)?.value, more), 'field');
  }
  const input = sources.input;
  if (head === undefined || input === undefined) return [];
  if (head === '$' || head === '$$') return rest.length === 0 ? fieldCompletions(sources) : valueFields(at(input.value, rest), 'field');
  if (head.startsWith('$')) return [];
  return valueFields(at(input.value, [head, ...rest]), 'field');
}

function fieldCompletions(sources: CompletionSources): Completion[] {
  const input = sources.input;
  if (input === undefined) return [];
  return namedFields(input.fields, input.value, 'field', `From ${input.from}`);
}

/** Declared fields first (with their descriptions), then fields only the last value has. */
function namedFields(
  fields: Readonly<Record<string, string | undefined>>,
  value: unknown,
  kind: CompletionKind,
  origin: string,
): Completion[] {
  const items = Object.entries(fields).map(([name, description]) =>
    field(name, kind, description ?? describeValue(at(value, [name])) ?? origin),
  );
  const seen = new Set(Object.keys(fields));
  for (const item of valueFields(value, kind)) if (!seen.has(item.label)) items.push(item);
  return items;
}

function valueFields(value: unknown, kind: CompletionKind): Completion[] {
  const object: unknown = Array.isArray(value) ? value[0] : value;
  if (object === null || typeof object !== 'object' || Array.isArray(object)) return [];
  return Object.entries(object as Record<string, unknown>).map(([name, item]) => field(name, kind, describeValue(item) ?? ''));
}

function field(name: string, kind: CompletionKind, detail: string): Completion {
  return { label: name, insert: IDENTIFIER.test(name) ? name : `\`${name}\``, kind, detail };
}

function dollarCompletions(): Completion[] {
  const variables: Completion[] = OPERON_VARIABLES.map((v) => ({
    label: `$${v.name}`,
    insert: `$${v.name}`,
    kind: 'variable',
    detail: v.summary,
  }));
  const functions: Completion[] = [...OPERON_FUNCTIONS, ...JSONATA_FUNCTIONS].map((f) => ({
    label: `$${f.name}`,
    insert: `$${f.name}()`,
    caret: f.name.length + 2,
    kind: 'function',
    detail: `${f.signature} · ${f.summary}`,
  }));
  return [...variables, ...functions];
}

function at(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const step of path) {
    if (Array.isArray(current)) current = current[0];
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, step)) return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

/** A short description of a last known value: `"billing"`, `42`, `object`, `list of 3`. */
function describeValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value);
  if (Array.isArray(value)) return value.length === 1 ? 'list of 1' : `list of ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'object' : typeof value;
}
