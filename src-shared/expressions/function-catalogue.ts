/** One function an expression may call, with a one-line signature and summary for completion lists. */
export interface FunctionInfo {
  name: string;
  signature: string;
  summary: string;
  /** builtin: JSONata's own; operon: bound by the engine for every node. */
  source: 'builtin' | 'operon';
}

const builtin = (name: string, signature: string, summary: string): FunctionInfo => ({ name, signature, summary, source: 'builtin' });

/** JSONata 2's built-in functions (the `jsonata` package this build ships), in the order its documentation lists them. */
export const JSONATA_FUNCTIONS: readonly FunctionInfo[] = [
  builtin('string', '$string(arg, prettify?)', 'The value as text (JSON for objects and arrays)'),
  builtin('length', '$length(str)', 'The number of characters in a string'),
  builtin('substring', '$substring(str, start, length?)', 'Part of a string, from a zero-based start'),
  builtin('substringBefore', '$substringBefore(str, chars)', 'The text before the first occurrence of chars'),
  builtin('substringAfter', '$substringAfter(str, chars)', 'The text after the first occurrence of chars'),
  builtin('uppercase', '$uppercase(str)', 'The string in upper case'),
  builtin('lowercase', '$lowercase(str)', 'The string in lower case'),
  builtin('trim', '$trim(str)', 'The string without leading, trailing and repeated whitespace'),
  builtin('pad', '$pad(str, width, char?)', 'The string padded to a width (negative pads on the left)'),
  builtin('contains', '$contains(str, pattern)', 'Whether the string contains the text or matches the regex'),
  builtin('split', '$split(str, separator, limit?)', 'The string split into an array'),
  builtin('join', '$join(array, separator?)', 'An array of strings joined into one'),
  builtin('match', '$match(str, pattern, limit?)', 'The regex matches in a string'),
  builtin('replace', '$replace(str, pattern, replacement, limit?)', 'The string with matches replaced'),
  builtin('eval', '$eval(expr, context?)', 'Evaluates a JSONata expression given as text'),
  builtin('base64encode', '$base64encode(str)', 'The string encoded as base64'),
  builtin('base64decode', '$base64decode(str)', 'A base64 string decoded'),
  builtin('encodeUrlComponent', '$encodeUrlComponent(str)', 'The string encoded for one URL component'),
  builtin('encodeUrl', '$encodeUrl(str)', 'The string encoded as a full URL'),
  builtin('decodeUrlComponent', '$decodeUrlComponent(str)', 'A URL component decoded'),
  builtin('decodeUrl', '$decodeUrl(str)', 'A URL decoded'),
  builtin('number', '$number(arg)', 'The value as a number'),
  builtin('abs', '$abs(number)', 'The absolute value'),
  builtin('floor', '$floor(number)', 'Rounded down'),
  builtin('ceil', '$ceil(number)', 'Rounded up'),
  builtin('round', '$round(number, precision?)', 'Rounded half to even, to a number of decimals'),
  builtin('power', '$power(base, exponent)', 'base to the power of exponent'),
  builtin('sqrt', '$sqrt(number)', 'The square root'),
  builtin('random', '$random()', 'A random number from 0 to 1'),
  builtin('formatNumber', '$formatNumber(number, picture, options?)', 'The number as text by a picture such as "#,##0.00"'),
  builtin('formatBase', '$formatBase(number, radix?)', 'The number as text in another base'),
  builtin('formatInteger', '$formatInteger(number, picture)', 'The integer as text by a picture (words, roman numerals)'),
  builtin('parseInteger', '$parseInteger(str, picture)', 'An integer read from text by a picture'),
  builtin('sum', '$sum(array)', 'The sum of an array of numbers'),
  builtin('max', '$max(array)', 'The largest number in an array'),
  builtin('min', '$min(array)', 'The smallest number in an array'),
  builtin('average', '$average(array)', 'The mean of an array of numbers'),
  builtin('boolean', '$boolean(arg)', 'The value as true or false'),
  builtin('not', '$not(arg)', 'The boolean opposite'),
  builtin('exists', '$exists(arg)', 'Whether the value is there'),
  builtin('count', '$count(array)', 'The number of items in an array'),
  builtin('append', '$append(array1, array2)', 'Two arrays joined into one'),
  builtin('sort', '$sort(array, function?)', 'The array sorted'),
  builtin('reverse', '$reverse(array)', 'The array in reverse order'),
  builtin('shuffle', '$shuffle(array)', 'The array in random order'),
  builtin('distinct', '$distinct(array)', 'The array without duplicates'),
  builtin('zip', '$zip(array1, ...)', 'Arrays combined item by item'),
  builtin('keys', '$keys(object)', 'The names of an object’s fields'),
  builtin('lookup', '$lookup(object, key)', 'The value of one field'),
  builtin('spread', '$spread(object)', 'An object split into one-field objects'),
  builtin('merge', '$merge(array)', 'An array of objects merged into one'),
  builtin('each', '$each(object, function)', 'A function applied to each field of an object'),
  builtin('sift', '$sift(object, function)', 'The fields for which the function is true'),
  builtin('type', '$type(value)', 'The value’s type: "string", "number", "object"…'),
  builtin('error', '$error(message)', 'Stops the evaluation with an error'),
  builtin('assert', '$assert(condition, message)', 'Stops with the message when the condition is false'),
  builtin('single', '$single(array, function?)', 'The one item that matches, or an error'),
  builtin('map', '$map(array, function)', 'A function applied to every item'),
  builtin('filter', '$filter(array, function)', 'The items for which the function is true'),
  builtin('reduce', '$reduce(array, function, init?)', 'The items combined into one value'),
  builtin('now', '$now(picture?, timezone?)', 'The current time as an ISO 8601 timestamp'),
  builtin('millis', '$millis()', 'The current time in milliseconds since 1970'),
  builtin('fromMillis', '$fromMillis(number, picture?, timezone?)', 'Milliseconds as a timestamp'),
  builtin('toMillis', '$toMillis(timestamp, picture?)', 'A timestamp as milliseconds'),
  builtin('clone', '$clone(value)', 'A deep copy of the value'),
];

/** The functions Operon binds for every node (see the engine's node context). */
export const OPERON_FUNCTIONS: readonly FunctionInfo[] = [
  {
    name: 'secret',
    signature: '$secret(name)',
    summary: 'A secret from the workspace (OPERON_SECRET_NAME); never shown in logs',
    source: 'operon',
  },
];

/** The values Operon binds for every node, besides the input `$`. */
export const OPERON_VARIABLES: readonly { name: string; summary: string }[] = [
  { name: 'run', summary: 'The run inputs, e.g. $run.ticket' },
  { name: 'inputs', summary: 'This node’s inputs by port, e.g. $inputs.in' },
];

/** Every name an expression may call as a function. */
export const KNOWN_FUNCTION_NAMES: ReadonlySet<string> = new Set([...JSONATA_FUNCTIONS, ...OPERON_FUNCTIONS].map((f) => f.name));
