import type { ReactNode } from 'react';
import type { FieldDescriptor, FieldProblem } from '../../../editor/forms/index.ts';

/** What every inspector field takes. */
export interface FieldProps {
  field: FieldDescriptor;
  value: unknown;
  onChange: (value: unknown) => void;
  /** The field's path from the config root (test ids, problems); the descriptor's own path may be relative to a row. */
  at?: (string | number)[];
  /** The node's config problems (paths from the config root); each field shows those that concern it. */
  problems?: readonly FieldProblem[];
  /** The input's test id, when not `inspector-field-<at>` (a key-value table's value cells). */
  testId?: string;
  /** Without the label, help and wrapper: a cell of a table or a row of a list. */
  bare?: boolean;
  /** The node's whole config: a model field reads the provider chosen beside it. */
  config?: Record<string, unknown>;
}

/** Renders a field inside a structured one (a route's expression, a tool's headers): the inspector's ConfigField. */
export type RenderField = (props: FieldProps) => ReactNode;

/** The kinds edited by a structured editor with an "Edit as JSON" switch. */
export const STRUCTURED_KINDS = new Set(['list', 'object', 'record', 'schema', 'node', 'json']);

/** The plain object in a value, or an empty one. */
export function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The array in a value, or an empty one. */
export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
