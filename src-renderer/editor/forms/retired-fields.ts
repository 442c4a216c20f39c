import type { JsonSchema } from '../catalogue.ts';
import type { FieldDescriptor } from './field-descriptor.ts';

/**
 * Whether the inspector leaves a field out: one its schema marks `deprecated` (the manual trigger's sample, say) while
 * it holds nothing. Older files that still set it show it, with its help saying what replaced it.
 */
export function isRetiredAndEmpty(schema: JsonSchema | undefined, field: FieldDescriptor, value: unknown): boolean {
  const key = field.path[0];
  const properties = schema?.properties as Record<string, { deprecated?: unknown } | undefined> | undefined;
  if (key === undefined || properties?.[String(key)]?.deprecated !== true) return false;
  if (value === undefined || value === null || value === '') return true;
  return typeof value === 'object' && Object.keys(value).length === 0;
}
