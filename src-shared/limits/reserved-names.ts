/**
 * Names JavaScript gives a meaning to on every object. Used as an object key, such a name does not make a plain
 * entry: `ports['__proto__'] = p` replaces the object's prototype (the entry is silently lost), and
 * `'constructor' in outputs` or `outputs.toString` is true of every object (a port that was never produced looks
 * produced). Operon refuses them wherever a name from a file, a request or the command line becomes a key: node and
 * edge ids, port names, route and output names, input names (OPR-021). One list for every place, and the same on
 * every JavaScript engine, so a file validates alike in the browser, Node and Electron.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  // Every own property of Object.prototype (a test checks the list against the running engine's).
  '__proto__',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'constructor',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
  // A function's prototype object: not on plain objects, but it is what `constructor.prototype` reaches.
  'prototype',
]);

/** Whether `name` is one JavaScript gives a meaning to on every object (see {@link RESERVED_NAMES}). */
export function isReservedName(name: string): boolean {
  return RESERVED_NAMES.has(name);
}

/** The sentence every refusal ends with, so a person sees why a harmless-looking name is refused. */
export function reservedNameMessage(what: string, name: string): string {
  return `${what} "${name}" is a name JavaScript gives a meaning to on every object; choose another name`;
}
