import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { configProblems, deriveForm, fieldApplies } from '../../editor/forms/index.ts';
import { isRetiredAndEmpty } from '../../editor/forms/retired-fields.ts';
import { getIn } from '../../editor/store/graph-commands.ts';
import { selectInspectedNodeId, selectNodeData, selectNodeProblems } from '../../editor/store/index.ts';
import { TEST_IDS } from '../../test-ids.ts';
import { ConfigField } from './config-field.tsx';
import { NodeDebugSection } from './node-debug-section.tsx';
import { NodeSettingsSection } from './node-settings-section.tsx';
import { WorkflowPanel } from './workflow-panel.tsx';
import { WebhookSection } from './fields/webhook-section.tsx';
import { useEditor, useEditorSession } from '../../session/editor-context.ts';
import { InspectorHeading } from './inspector-heading.tsx';
import { useDraft } from '../../kit/use-draft.ts';

const asText = (value: string) => value;
const WEBHOOK_TRIGGER = 'core.webhook-trigger';

/** The selected node's label, notes and config form (derived from its type's config schema), and its debugging controls. */
export function Inspector() {
  const nodeId = useEditor(selectInspectedNodeId);
  const nothingSelected = useEditor((s) => s.selection.nodeIds.length === 0 && s.selection.edgeIds.length === 0);
  return (
    <section className="panel inspector" data-testid={TEST_IDS.inspector}>
      <h2>Inspector</h2>
      {nodeId !== undefined ? (
        <NodeInspector key={nodeId} nodeId={nodeId} />
      ) : nothingSelected ? (
        <WorkflowPanel />
      ) : (
        <p className="muted">Select one node to edit it, or nothing to edit the workflow.</p>
      )}
    </section>
  );
}

function NodeInspector({ nodeId }: { nodeId: string }) {
  const { store, catalogue } = useEditorSession();
  const data = useEditor(selectNodeData(nodeId));
  const problems = useEditor(useShallow(selectNodeProblems(nodeId)));
  const entry = data === undefined ? undefined : catalogue.get(data.type);
  const form = useMemo(() => (entry === undefined ? { fields: [] } : deriveForm(entry.configSchema)), [entry]);
  const fieldProblems = useMemo(() => configProblems(problems), [problems]);
  const label = useDraft(data?.label ?? '', asText);
  const notes = useDraft(data?.notes ?? '', asText);
  if (data === undefined) return null;
  const actions = store.getState().actions;

  return (
    <div className="node-inspector">
      <p className="inspector-type">
        <InspectorHeading nodeId={nodeId} icon={entry?.icon} category={entry?.category} typeTitle={entry?.title ?? data.type} />
      </p>
      {entry !== undefined && <p className="field-help">{entry.description}</p>}
      <div className="field">
        <label htmlFor="inspector-label">Label</label>
        <input
          id="inspector-label"
          data-testid={TEST_IDS.inspectorLabel}
          value={label.text}
          placeholder={entry?.title}
          onChange={(event) => {
            const text = event.currentTarget.value;
            label.typed(text, text.trim());
            actions.renameNode(nodeId, text);
          }}
        />
      </div>
      {data.type === WEBHOOK_TRIGGER && <WebhookSection config={data.config} />}
      {problems.length > 0 && (
        <ul className="inspector-problems">
          {problems.map((problem, i) => (
            <li key={i}>{problem.message}</li>
          ))}
        </ul>
      )}
      {form.fields
        .filter((field) => !isRetiredAndEmpty(entry?.configSchema, field, getIn(data.config, field.path)))
        .filter((field) => fieldApplies(field, data.config, form.fields))
        .map((field) => (
          <ConfigField
            key={field.path.join('.')}
            field={field}
            value={getIn(data.config, field.path)}
            onChange={(value) => actions.updateConfig(nodeId, field.path, value)}
            problems={fieldProblems}
            config={data.config}
          />
        ))}
      <NodeSettingsSection nodeId={nodeId} />
      <div className="field">
        <label htmlFor="inspector-notes">Notes</label>
        <textarea
          id="inspector-notes"
          data-testid={TEST_IDS.inspectorNotes}
          rows={3}
          value={notes.text}
          onChange={(event) => {
            const text = event.currentTarget.value;
            notes.typed(text, text.trim() === '' ? '' : text);
            actions.updateNotes(nodeId, text);
          }}
        />
      </div>
      <NodeDebugSection nodeId={nodeId} />
    </div>
  );
}
