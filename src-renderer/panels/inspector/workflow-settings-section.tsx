import { serviceSettings, type WorkflowSettings } from '../../../src-shared/workflow/schema.ts';
import { WORKFLOW_SETTING_FIELDS } from '../../editor/forms/settings-fields.ts';
import { getIn, setIn } from '../../editor/store/graph-commands.ts';
import { selectMeta } from '../../editor/store/index.ts';
import { useEditor, useEditorSession } from '../../session/editor-context.ts';
import { workflowSettingId } from '../../test-ids.ts';
import { SettingInput } from './setting-input.tsx';
import { WorkflowPicker } from './fields/workflow-field.tsx';

/** The settings of the trigger service (issue 13): how triggered runs overlap, queue, catch up and fail over. */
const SERVICE_KEYS = new Set(['overlap', 'maxParallelRuns', 'queueLimit', 'missedTicks', 'onInterrupted', 'errorWorkflow']);
const runFields = WORKFLOW_SETTING_FIELDS.filter((s) => s.path[0] !== 'budgets' && !SERVICE_KEYS.has(s.path[0]!));
const budgetFields = WORKFLOW_SETTING_FIELDS.filter((s) => s.path[0] === 'budgets');
const serviceFields = WORKFLOW_SETTING_FIELDS.filter((s) => SERVICE_KEYS.has(s.path[0]!));

/** The workflow's settings, derived from `WorkflowSettingsSchema`: how nodes run by default, limits and budgets. */
export function WorkflowSettingsSection() {
  const { store } = useEditorSession();
  const settings = useEditor((s) => selectMeta(s).settings);

  const change = (path: string[], value: unknown) => {
    // An emptied setting with a default goes back to it; budgets with no field left go away.
    const next = setIn(settings, path, value) as WorkflowSettings;
    if (next.budgets !== undefined && Object.keys(next.budgets).length === 0) delete next.budgets;
    store.getState().actions.updateMeta({ settings: next });
  };
  const defaults: Record<string, unknown> = serviceSettings({ ...settings, errorWorkflow: undefined });
  const input = (setting: (typeof WORKFLOW_SETTING_FIELDS)[number]) =>
    setting.field.kind === 'workflow' ? (
      <div key={setting.path.join('.')} className="field setting-field wide">
        <label htmlFor={`setting-${setting.path.join('-')}`}>{setting.field.label}</label>
        <WorkflowPicker
          id={`setting-${setting.path.join('-')}`}
          value={getIn(settings, setting.path)}
          noneLabel="None"
          testId={workflowSettingId(setting.path)}
          onChange={(id) => change(setting.path, id)}
        />
        {setting.field.description !== undefined && <p className="field-help">{setting.field.description}</p>}
      </div>
    ) : (
      <SettingInput
        key={setting.path.join('.')}
        setting={setting}
        value={getIn(settings, setting.path)}
        // The service's settings are optional: what applies when empty is its default.
        inherited={SERVICE_KEYS.has(setting.path[0]!) ? defaults[setting.path[0]!] : undefined}
        testId={workflowSettingId(setting.path)}
        onChange={(value) => change(setting.path, value ?? setting.field.default)}
      />
    );

  return (
    <>
      <section className="settings-section" aria-label="Workflow settings">
        <h3>Settings</h3>
        <div className="settings-rows">{runFields.filter((s) => s.field.kind !== 'toggle').map(input)}</div>
        <div className="settings-toggles">{runFields.filter((s) => s.field.kind === 'toggle').map(input)}</div>
      </section>
      <section className="settings-section" aria-label="Budgets">
        <h3>Budgets</h3>
        <div className="settings-rows">{budgetFields.map(input)}</div>
      </section>
      <section className="settings-section" aria-label="Service">
        <h3>Service</h3>
        <p className="field-help">How runs started by this workflow’s triggers (schedule, webhook, file, workflow) are run.</p>
        <div className="settings-rows">{serviceFields.map(input)}</div>
      </section>
    </>
  );
}
