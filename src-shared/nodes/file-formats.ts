import { parse as parseCsv } from 'csv-parse/sync';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { OperonError } from '../errors/operon-error.ts';

/** The file formats the file nodes read and write; `auto` picks one by the file's extension. */
export const FILE_FORMATS = ['auto', 'text', 'json', 'jsonl', 'csv'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];
export type ConcreteFileFormat = Exclude<FileFormat, 'auto'>;

const BY_EXTENSION: Record<string, ConcreteFileFormat> = { json: 'json', jsonl: 'jsonl', ndjson: 'jsonl', csv: 'csv' };

/** The concrete format for a file: `auto` goes by extension (.json, .jsonl/.ndjson, .csv), else text. */
export function resolveFormat(format: FileFormat, path: string): ConcreteFileFormat {
  if (format !== 'auto') return format;
  const extension = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase();
  return (extension === undefined ? undefined : BY_EXTENSION[extension]) ?? 'text';
}

/**
 * Parses a file's text. JSON gives any value, JSON Lines an array (blank lines skipped), CSV an
 * array of objects keyed by the header row (values stay strings). Errors are OPR-110 naming the file and line.
 */
export function parseFile(text: string, format: FileFormat, path: string): unknown {
  switch (resolveFormat(format, path)) {
    case 'text':
      return text;
    case 'json':
      return parseJson(text, path, 1);
    case 'jsonl':
      return text
        .split(/\r?\n/)
        .map((line, index) => ({ line, number: index + 1 }))
        .filter(({ line }) => line.trim() !== '')
        .map(({ line, number }) => parseJson(line, path, number));
    case 'csv':
      return parseCsvText(text, path);
  }
}

/**
 * Turns a value into file text. `text` writes strings as they are and other values as JSON; `json`
 * pretty-prints; `jsonl` writes one line per array item; `csv` needs an array of objects, its
 * columns are every key in first-seen order. Text for json, jsonl and csv ends with a newline, so appends line up.
 */
export function serialiseFile(value: unknown, format: FileFormat, path: string, options: { header?: boolean } = {}): string {
  switch (resolveFormat(format, path)) {
    case 'text':
      return typeof value === 'string' ? value : (JSON.stringify(value, null, 2) ?? '');
    case 'json':
      return `${JSON.stringify(value ?? null, null, 2)}\n`;
    case 'jsonl':
      return (Array.isArray(value) ? value : [value]).map((item) => `${JSON.stringify(item ?? null)}\n`).join('');
    case 'csv':
      return serialiseCsv(value, path, options.header ?? true);
  }
}

function parseJson(text: string, path: string, firstLine: number): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    const line = firstLine - 1 + lineOfJsonError(text, message);
    throw new OperonError('OPR-110', `${path} line ${line}: not valid JSON: ${message}`, { details: { path, line }, cause: error });
  }
}

/** The 1-based line of a JSON.parse error, from the "line N" or "position N" in its message. */
function lineOfJsonError(text: string, message: string): number {
  const line = /\bline (\d+)/.exec(message)?.[1];
  if (line !== undefined) return Number(line);
  const position = /\bposition (\d+)/.exec(message)?.[1];
  const upTo = position === undefined ? text : text.slice(0, Number(position));
  return upTo.split('\n').length;
}

function parseCsvText(text: string, path: string): Record<string, string>[] {
  try {
    return parseCsv<Record<string, string>>(text, { columns: true, skip_empty_lines: true, bom: true });
  } catch (error) {
    const lines = (error as { lines?: unknown }).lines;
    const line = typeof lines === 'number' ? lines : undefined;
    const where = line === undefined ? '' : ` line ${line}`;
    throw new OperonError('OPR-110', `${path}${where}: not valid CSV: ${(error as Error).message}`, {
      details: { path, ...(line === undefined ? {} : { line }) },
      cause: error,
    });
  }
}

function serialiseCsv(value: unknown, path: string, header: boolean): string {
  const rows = Array.isArray(value) ? value : undefined;
  const badIndex = rows?.findIndex((row) => row === null || typeof row !== 'object' || Array.isArray(row));
  if (rows === undefined || badIndex !== -1) {
    const what = rows === undefined ? 'the value is not an array' : `item ${badIndex} is not an object`;
    throw new OperonError('OPR-110', `${path}: CSV needs an array of objects; ${what}`, { details: { path } });
  }
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row as object)))];
  if (columns.length === 0) return '';
  const records = (rows as Record<string, unknown>[]).map((row) => columns.map((column) => csvCell(row[column])));
  return stringifyCsv(records, { header, columns });
}

function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? '';
}
