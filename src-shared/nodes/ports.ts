import { z } from 'zod';

/** The value types a port can carry. `any` connects to everything. */
export const PORT_TYPES = ['any', 'string', 'number', 'boolean', 'object', 'array'] as const;
export type PortType = (typeof PORT_TYPES)[number];

/** The TypeScript type of a value on a port of type T. */
export interface PortValueTypes {
  any: unknown;
  string: string;
  number: number;
  boolean: boolean;
  object: Record<string, unknown>;
  array: unknown[];
}

export interface PortDef<T extends PortType = PortType, R extends boolean = boolean> {
  type: T;
  /** A required input must have an edge. Outputs ignore it. */
  required: R;
  label?: string;
  description?: string;
}

/** Declares a port: `port('string', { required: true })`. */
export function port<const T extends PortType, const R extends boolean = false>(
  type: T,
  options: { required?: R; label?: string; description?: string } = {},
): PortDef<T, R> {
  return { type, required: (options.required ?? false) as R, ...omitUndefined({ label: options.label, description: options.description }) };
}

export type PortMap = Record<string, PortDef>;

/** The typed values of a port map: required ports are present, optional ones may be undefined. */
export type PortValues<P extends PortMap> = {
  [K in keyof P]: P[K] extends PortDef<infer T, infer R> ? (R extends true ? PortValueTypes[T] : PortValueTypes[T] | undefined) : unknown;
};

const PORT_VALUE_SCHEMAS: Record<PortType, z.ZodType> = {
  any: z.unknown(),
  string: z.string(),
  number: z.number(),
  boolean: z.boolean(),
  object: z.record(z.string(), z.unknown()),
  array: z.array(z.unknown()),
};

/** Checks a value against a port type; returns a reason when it does not fit. */
export function checkPortValue(type: PortType, value: unknown): string | undefined {
  const result = PORT_VALUE_SCHEMAS[type].safeParse(value);
  if (result.success) return undefined;
  return `expected ${type}, got ${describeValue(value)}`;
}

/** Whether a value of the source port's type may flow into the target port. */
export function portTypesCompatible(source: PortType, target: PortType): boolean {
  return source === 'any' || target === 'any' || source === target;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function omitUndefined<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;
}
