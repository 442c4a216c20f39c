import type { WorkflowSettings } from '../../../src-shared/workflow/schema.ts';
import { WORKFLOW_SETTING_FIELDS } from '../../editor/forms/settings-fields.ts';
import { getIn, setIn } from '../../editor/store/graph-commands.ts';
import { selectMeta } from '../../editor/store/index.ts';
import { useEditor, useEditorSession } from '../../session/editor-context.ts';
import { workflowSettingId } from '../../test-ids.ts';
import { SettingInput } from './setting-input.tsx';

const runFields = WORKFLOW_SETTING_FIELDS.filter((s) => s.path[0] !== 'budgets');
const budgetFields = WORKFLOW_SETTING_FIELDS.filter((s) => s.path[0] === 'budgets');

/** The workflow's settings, derived from `WorkflowSettingsSchema`: how nodes run by default, limits and budgets. */
export function WorkflowSettingsSection() {
  const { store } = useEditorSession();
  const settings = useEditor((s) => selectMeta(s).settings);

  const input = (setting: (typeof WORKFLOW_SETTING_FIELDS)[number]) => (
    <SettingInput
      key={setting.path.join('.')}
      setting={setting}
      value={getIn(settings, setting.path)}
      testId={workflowSettingId(setting.path)}
      onChange={(value) => {
        // An emptied setting with a default goes back to it; budgets with no field left go away.
        const next = setIn(settings, setting.path, value ?? setting.field.default) as WorkflowSettings;
        if (next.budgets !== undefined && Object.keys(next.budgets).length === 0) delete next.budgets;
        store.getState().actions.updateMeta({ settings: next });
      }}
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
    </>
  );
}
