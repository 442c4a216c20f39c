import { ERROR_PORT } from '../../../src-shared/workflow/graph.ts';
import type { NodeSettings } from '../../../src-shared/workflow/schema.ts';
import { NODE_SETTING_FIELDS, nodeSettingDefaults, type SettingField } from '../../editor/forms/settings-fields.ts';
import { selectMeta, selectNodeData } from '../../editor/store/index.ts';
import { useEditor, useEditorSession } from '../../session/editor-context.ts';
import { nodeSettingId, SETTINGS_IDS } from '../../test-ids.ts';
import { FallbackValueInput } from './fallback-value-input.tsx';
import { SettingInput } from './setting-input.tsx';
import './settings.css';

type SettingKey = Exclude<keyof NodeSettings, 'fallback'>;

const byKey = new Map(NODE_SETTING_FIELDS.map((setting) => [setting.path[0] as SettingKey, setting]));

/**
 * The node's execution settings (timeout, retries, retry delay, on error with its fallback value, cache, disabled),
 * derived from `NodeSettingsSchema`; empty fields show the workflow's defaults. Each change is one undo step.
 */
export function NodeSettingsSection({ nodeId }: { nodeId: string }) {
  const { store } = useEditorSession();
  const settings = useEditor((s) => selectNodeData(nodeId)(s)?.settings);
  const workflowSettings = useEditor((s) => selectMeta(s).settings);
  const errorWired = useEditor((s) => s.graph.edges.some((edge) => edge.source === nodeId && edge.sourceHandle === ERROR_PORT));
  const defaults = nodeSettingDefaults(workflowSettings);
  const update = (patch: Partial<NodeSettings>) => store.getState().actions.updateNodeSettings(nodeId, patch);

  const input = (key: SettingKey, setting: SettingField | undefined = byKey.get(key)) =>
    setting === undefined ? null : (
      <SettingInput
        setting={setting}
        value={settings?.[key]}
        inherited={defaults[key]}
        testId={nodeSettingId(key)}
        onChange={(value) => update({ [key]: value })}
      />
    );

  return (
    <section className="settings-section" data-testid={SETTINGS_IDS.nodeSettings} aria-label="Node settings">
      <h3>Settings</h3>
      <div className="settings-rows">
        {input('timeoutMs')}
        {input('retries')}
        {input('retryDelayMs')}
      </div>
      {input('onError')}
      {settings?.onError === 'route' && (
        <p className={errorWired ? 'field-help' : 'field-help settings-attention'}>
          {errorWired
            ? 'Errors go out of the node’s error port.'
            : 'The node now has an error port: wire it to the nodes that handle the failure.'}
        </p>
      )}
      {settings?.onError === 'continue' && <FallbackValueInput value={settings.fallback} onChange={(fallback) => update({ fallback })} />}
      <div className="settings-toggles">
        {input('cache')}
        {input('disabled')}
      </div>
    </section>
  );
}
