import { describe, expect, it } from 'vitest';
import {
  changedNodeSettings,
  NODE_SETTING_FIELDS,
  nodeSettingDefaults,
  parseSetting,
  settingPlaceholder,
  settingText,
  WORKFLOW_SETTING_FIELDS,
  type SettingField,
} from './settings-fields.ts';

const setting = (fields: readonly SettingField[], path: string) => {
  const found = fields.find((f) => f.path.join('.') === path);
  if (found === undefined) throw new Error(`no setting ${path}`);
  return found;
};

describe('node settings fields', () => {
  it('are derived from NodeSettingsSchema, with labels and units, the fallback value apart', () => {
    expect(NODE_SETTING_FIELDS.map((f) => [f.path.join('.'), f.field.kind, f.field.label])).toEqual([
      ['timeoutMs', 'integer', 'Timeout (seconds)'],
      ['retries', 'integer', 'Retries'],
      ['retryDelayMs', 'integer', 'Retry delay (seconds)'],
      ['onError', 'select', 'On error'],
      ['cache', 'toggle', 'Cache'],
      ['disabled', 'toggle', 'Disabled'],
    ]);
    expect(setting(NODE_SETTING_FIELDS, 'retries').field).toMatchObject({ min: 0, max: 20 });
    expect(setting(NODE_SETTING_FIELDS, 'onError').field.options).toEqual([
      { value: 'fail', label: 'Fail the run' },
      { value: 'route', label: 'Route to the error port' },
      { value: 'continue', label: 'Continue with a fallback value' },
    ]);
  });

  it('shows milliseconds as seconds and stores whole milliseconds, checking the stored bounds', () => {
    const timeout = setting(NODE_SETTING_FIELDS, 'timeoutMs');
    expect(parseSetting(timeout, '5')).toEqual({ ok: true, value: 5000 });
    expect(parseSetting(timeout, '0.25')).toEqual({ ok: true, value: 250 });
    expect(parseSetting(timeout, '0.0004')).toEqual({ ok: false, message: 'must be more than 0 s' });
    expect(parseSetting(timeout, '-1')).toEqual({ ok: false, message: 'must be more than 0 s' });
    expect(parseSetting(timeout, 'soon')).toEqual({ ok: false, message: 'enter a number of seconds' });
    expect(parseSetting(timeout, '')).toEqual({ ok: true, value: undefined });
    expect(settingText(timeout, 1500)).toBe('1.5');
    expect(settingPlaceholder(timeout, 300_000)).toBe('300');
    const retries = setting(NODE_SETTING_FIELDS, 'retries');
    expect(parseSetting(retries, '2')).toEqual({ ok: true, value: 2 });
    expect(parseSetting(retries, '21')).toEqual({ ok: false, message: 'must be at most 20' });
    expect(parseSetting(retries, '1.5')).toEqual({ ok: false, message: 'enter a whole number' });
  });

  it('take the workflow settings as defaults, and tell which ones a node changes', () => {
    expect(nodeSettingDefaults({ defaultRetries: 1, defaultTimeoutMs: 9000 })).toMatchObject({
      retries: 1,
      timeoutMs: 9000,
      retryDelayMs: 1000,
      onError: 'fail',
      cache: false,
    });
    expect(changedNodeSettings({ retries: 2, timeoutMs: 300_000, onError: 'route', cache: false }, undefined)).toEqual({
      retries: 2,
      onError: 'route',
    });
    expect(changedNodeSettings({ retries: 1 }, { defaultRetries: 1 })).toEqual({});
    expect(changedNodeSettings(undefined, undefined)).toEqual({});
  });
});

describe('workflow settings fields', () => {
  it('are derived from WorkflowSettingsSchema, budgets flattened with labels', () => {
    expect(WORKFLOW_SETTING_FIELDS.map((f) => [f.path.join('.'), f.field.label, f.scale])).toEqual([
      ['concurrency', 'Concurrency', undefined],
      ['defaultTimeoutMs', 'Default timeout (seconds)', 1000],
      ['defaultRetries', 'Default retries', undefined],
      ['defaultRetryDelayMs', 'Default retry delay (seconds)', 1000],
      ['maxRunMs', 'Max run time (seconds)', 1000],
      ['maxNodeExecutions', 'Max node executions', undefined],
      ['cache', 'Cache every node', undefined],
      ['budgets.maxCostUsd', 'Max cost (USD)', undefined],
      ['budgets.maxTokens', 'Max tokens', undefined],
      ['overlap', 'When a trigger fires during a run', undefined],
      ['maxParallelRuns', 'Parallel runs at most', undefined],
      ['queueLimit', 'Queue limit', undefined],
      ['missedTicks', 'Missed schedule ticks', undefined],
      ['onInterrupted', 'Runs interrupted by a stop', undefined],
      ['errorWorkflow', 'Error workflow', undefined],
    ]);
    expect(setting(WORKFLOW_SETTING_FIELDS, 'concurrency').field).toMatchObject({ kind: 'integer', min: 1, max: 1024, default: 8 });
    expect(parseSetting(setting(WORKFLOW_SETTING_FIELDS, 'budgets.maxCostUsd'), '2.5')).toEqual({ ok: true, value: 2.5 });
    expect(parseSetting(setting(WORKFLOW_SETTING_FIELDS, 'budgets.maxTokens'), '-1')).toMatchObject({ ok: false });
  });
});

describe('service settings', () => {
  it('offers the error workflow as a workflow picker and the overlap policy in words', () => {
    expect(setting(WORKFLOW_SETTING_FIELDS, 'errorWorkflow').field.kind).toBe('workflow');
    expect(setting(WORKFLOW_SETTING_FIELDS, 'overlap').field.options?.map((o) => o.label)).toEqual([
      'Run in parallel, up to a limit',
      'Queue, one run at a time',
      'Skip the firing',
    ]);
  });
});
