import { z } from 'zod';
import {
  NodeSettingsSchema,
  WorkflowSettingsSchema,
  type NodeSettings,
  type WorkflowSettings,
} from '../../../src-shared/workflow/schema.ts';
import type { JsonSchema } from '../catalogue.ts';
import { deriveForm } from './derive-form.ts';
import type { FieldDescriptor } from './field-descriptor.ts';
import { validateField, type FieldCheck } from './validate-field.ts';

/**
 * One setting as a person edits it: the field derived from the settings schema (kind, bounds, description), with a
 * human label and, for durations, the unit shown (stored values stay in milliseconds).
 */
export interface SettingField {
  /** The path in the settings object (`['budgets', 'maxCostUsd']`). */
  path: string[];
  field: FieldDescriptor;
  /** Durations are shown in seconds and stored in milliseconds: stored = shown × scale. */
  scale?: number;
}

interface Presentation {
  label: string;
  description?: string;
  scale?: number;
  /** Labels of a select's options, by value. */
  options?: Record<string, string>;
}

const SECONDS = 1000;

const NODE_PRESENTATION: Record<string, Presentation> = {
  retries: { label: 'Retries', description: 'How many times a retryable error is tried again.' },
  retryDelayMs: {
    label: 'Retry delay (seconds)',
    description: 'Wait before the first retry; doubled each attempt, with jitter.',
    scale: SECONDS,
  },
  timeoutMs: { label: 'Timeout (seconds)', description: 'Time limit for one attempt.', scale: SECONDS },
  onError: {
    label: 'On error',
    description: 'What happens when the node still fails after its retries.',
    options: { fail: 'Fail the run', route: 'Route to the error port', continue: 'Continue with a fallback value' },
  },
  cache: { label: 'Cache', description: 'Reuse a recorded output when the type, config and inputs are the same.' },
  disabled: { label: 'Disabled', description: 'A disabled node is skipped, and so is what depends on it.' },
};

const WORKFLOW_PRESENTATION: Record<string, Presentation> = {
  concurrency: { label: 'Concurrency', description: 'How many nodes run at the same time.' },
  defaultTimeoutMs: { label: 'Default timeout (seconds)', description: 'Time limit for one attempt of a node.', scale: SECONDS },
  defaultRetries: { label: 'Default retries', description: 'How many times a node’s retryable error is tried again.' },
  defaultRetryDelayMs: { label: 'Default retry delay (seconds)', description: 'Wait before a first retry.', scale: SECONDS },
  maxRunMs: { label: 'Max run time (seconds)', description: 'Time limit for the whole run; empty for none.', scale: SECONDS },
  maxNodeExecutions: { label: 'Max node executions', description: 'Limit on node executions in one run, Map items included.' },
  cache: { label: 'Cache every node', description: 'Reuse recorded outputs of every node unless a node says otherwise.' },
  'budgets.maxCostUsd': { label: 'Max cost (USD)', description: 'The run stops when its model calls cost more.' },
  'budgets.maxTokens': { label: 'Max tokens', description: 'The run stops when its model calls use more tokens.' },
  overlap: {
    label: 'When a trigger fires during a run',
    description: 'What a trigger firing does while a run of this workflow is going on.',
    options: { parallel: 'Run in parallel, up to a limit', queue: 'Queue, one run at a time', skip: 'Skip the firing' },
  },
  maxParallelRuns: { label: 'Parallel runs at most', description: 'With parallel runs: later firings wait in the queue.' },
  queueLimit: { label: 'Queue limit', description: 'Firings that may wait; one more is refused and logged.' },
  missedTicks: {
    label: 'Missed schedule ticks',
    description: 'Ticks that passed while Operon was stopped.',
    options: { skip: 'Skip them', runOnce: 'Run once on start' },
  },
  onInterrupted: {
    label: 'Runs interrupted by a stop',
    description: 'Runs going on when Operon stopped.',
    options: { leave: 'Leave them for a person', resume: 'Resume them on start' },
  },
  errorWorkflow: { label: 'Error workflow', description: 'Started with the details when a run of this workflow fails.' },
};

/** The node Settings section's fields, derived from `NodeSettingsSchema` (the fallback value has its own editor). */
export const NODE_SETTING_FIELDS: readonly SettingField[] = settingFields(NodeSettingsSchema, NODE_PRESENTATION, ['fallback']);

/** The workflow settings' fields, derived from `WorkflowSettingsSchema` (budgets flattened into their two fields). */
export const WORKFLOW_SETTING_FIELDS: readonly SettingField[] = settingFields(WorkflowSettingsSchema, WORKFLOW_PRESENTATION, []);

function settingFields(schema: z.ZodType, presentation: Record<string, Presentation>, skip: readonly string[]): SettingField[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const flat = deriveForm(json).fields.flatMap((field) => (field.kind === 'object' ? (field.fields ?? []) : [field]));
  return flat
    .filter((field) => !skip.includes(String(field.path[0])))
    .map((derived) => {
      const path = derived.path.map(String);
      const shown = presentation[path.join('.')];
      const field: FieldDescriptor = { ...derived, label: shown?.label ?? derived.label };
      if (shown?.description !== undefined) field.description = shown.description;
      if (field.max !== undefined && field.max >= Number.MAX_SAFE_INTEGER) delete field.max;
      if (field.options !== undefined && shown?.options !== undefined) {
        field.options = field.options.map((option) => ({ ...option, label: shown.options?.[String(option.value)] ?? option.label }));
      }
      return shown?.scale === undefined ? { path, field } : { path, field, scale: shown.scale };
    });
}

/** A stored value as the field shows it: milliseconds as seconds ("1.5"), other numbers as they are. */
export function settingText(setting: SettingField, value: unknown): string {
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'number') return '';
  return String(setting.scale === undefined ? value : value / setting.scale);
}

/**
 * Checks typed text and gives the value to store: seconds become whole milliseconds, bounds are those of the stored
 * value (a timeout of 0 s is refused, 0.0004 s rounds to 0 ms and is refused too). Empty text gives undefined.
 */
export function parseSetting(setting: SettingField, text: string): FieldCheck {
  const field = { ...setting.field, required: false };
  if (setting.scale === undefined || text.trim() === '') return validateField(field, text);
  const seconds = Number(text.trim());
  if (!Number.isFinite(seconds)) return { ok: false, message: 'enter a number of seconds' };
  const check = validateField(field, Math.round(seconds * setting.scale));
  if (check.ok || setting.field.min === undefined) return check;
  const min = setting.field.min / setting.scale;
  return { ok: false, message: setting.field.exclusiveMin === true ? `must be more than ${min} s` : `must be at least ${min} s` };
}

/** A setting's placeholder: the value that applies when the field is empty (the workflow's default), in shown units. */
export function settingPlaceholder(setting: SettingField, inherited: unknown): string | undefined {
  if (inherited === undefined) return undefined;
  if (typeof inherited === 'boolean') return inherited ? 'on' : 'off';
  return settingText(setting, inherited);
}

/** What a node gets for each setting it leaves empty: the workflow's defaults. */
export function nodeSettingDefaults(workflow: Partial<WorkflowSettings> | undefined): Required<Omit<NodeSettings, 'fallback'>> {
  const defaults = WorkflowSettingsSchema.parse({});
  return {
    timeoutMs: workflow?.defaultTimeoutMs ?? defaults.defaultTimeoutMs,
    retries: workflow?.defaultRetries ?? defaults.defaultRetries,
    retryDelayMs: workflow?.defaultRetryDelayMs ?? defaults.defaultRetryDelayMs,
    onError: 'fail',
    cache: workflow?.cache ?? defaults.cache,
    disabled: false,
  };
}

/** The settings a node sets to something other than what it would get anyway (what its canvas marks show). */
export function changedNodeSettings(
  settings: NodeSettings | undefined,
  workflow: Partial<WorkflowSettings> | undefined,
): Partial<Omit<NodeSettings, 'fallback'>> {
  const defaults = nodeSettingDefaults(workflow);
  const changed: Partial<Record<keyof typeof defaults, unknown>> = {};
  for (const key of Object.keys(defaults) as (keyof typeof defaults)[]) {
    const value = settings?.[key];
    if (value !== undefined && value !== defaults[key]) changed[key] = value;
  }
  return changed as Partial<Omit<NodeSettings, 'fallback'>>;
}
