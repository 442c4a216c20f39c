import { z } from 'zod';

/**
 * How a node shows its key settings on the canvas, declared once beside its config (`summary` in defineNodeType):
 * data only, so it crosses the API in the node catalogue and the editor computes the lines from a node's config.
 */
export const SummaryLineSchema = z.object({
  /** The config field (or fields, joined by a space: HTTP's method and URL) the line shows. */
  field: z.union([z.string(), z.array(z.string()).min(1)]),
  /** A short name shown before the value ("Model"); none when the value speaks for itself. */
  label: z.string().optional(),
  /**
   * text: the value's first line. code: the same, in a monospace face (expressions, templates). names: a list's
   * items by name (Router routes, Agent tools) or as they are. duration: milliseconds as "1.5 s".
   */
  format: z.enum(['text', 'code', 'names', 'duration']).optional(),
});
export type SummaryLine = z.infer<typeof SummaryLineSchema>;

/** One line of a node's summary as shown: the label, the value's text, and whether it is code. */
export interface SummaryText {
  label?: string;
  text: string;
  code: boolean;
}

/** The most characters a summary line keeps; the canvas shows at most that, with an ellipsis. */
export const SUMMARY_MAX_CHARS = 80;

/** A node's summary lines for its config; lines whose value is empty are left out. */
export function summarize(lines: readonly SummaryLine[] | undefined, config: Readonly<Record<string, unknown>>): SummaryText[] {
  const result: SummaryText[] = [];
  for (const line of lines ?? []) {
    const format = line.format ?? 'text';
    const fields = typeof line.field === 'string' ? [line.field] : line.field;
    const text = fields
      .map((field) => valueText(config[field], format))
      .filter((part) => part !== '')
      .join(' ');
    if (text === '') continue;
    const shown: SummaryText = { text: clip(text), code: format === 'code' };
    if (line.label !== undefined) shown.label = line.label;
    result.push(shown);
  }
  return result;
}

function valueText(value: unknown, format: NonNullable<SummaryLine['format']>): string {
  if (value === undefined || value === null) return '';
  if (format === 'names')
    return Array.isArray(value)
      ? value
          .map(itemName)
          .filter((name) => name !== '')
          .join(', ')
      : '';
  if (format === 'duration') return typeof value === 'number' ? formatMs(value) : '';
  if (typeof value === 'string') return firstLine(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

function itemName(item: unknown): string {
  if (typeof item === 'string') return item;
  if (typeof item === 'object' && item !== null && 'name' in item && typeof item.name === 'string') return item.name;
  return '';
}

/** The first line that is not blank, trimmed. */
function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line !== '') ?? ''
  );
}

function clip(text: string): string {
  return text.length <= SUMMARY_MAX_CHARS ? text : `${text.slice(0, SUMMARY_MAX_CHARS - 1)}…`;
}

/** 250 ms, 1.5 s, 2 min, 1.5 h. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${round(ms / 60_000)} min`;
  return `${round(ms / 3_600_000)} h`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
