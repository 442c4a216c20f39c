import { useState } from 'react';
import { selectMeta } from '../../editor/store/index.ts';
import { useDraft } from '../../kit/use-draft.ts';
import { useEditor, useEditorSession } from '../../session/editor-context.ts';
import { SETTINGS_IDS } from '../../test-ids.ts';
import { InputsBuilder } from './inputs-builder.tsx';
import { WorkflowSettingsSection } from './workflow-settings-section.tsx';
import './settings.css';

const asText = (value: string) => value;

/** With nothing selected: the workflow's name, description, run inputs and settings. Each edit is an undoable command. */
export function WorkflowPanel() {
  const { store } = useEditorSession();
  const name = useEditor((s) => selectMeta(s).name);
  const description = useEditor((s) => selectMeta(s).description);
  const nameDraft = useDraft(name, asText);
  const descriptionDraft = useDraft(description, asText);
  const [nameError, setNameError] = useState<string>();
  const actions = store.getState().actions;

  return (
    <div className="workflow-panel" data-testid={SETTINGS_IDS.workflowPanel}>
      <p className="inspector-type">Workflow</p>
      <p className="field-help">Select a node to edit it; with nothing selected, this is the whole workflow.</p>
      <div className="field">
        <label htmlFor="workflow-panel-name">Name</label>
        <input
          id="workflow-panel-name"
          data-testid={SETTINGS_IDS.workflowPanelName}
          value={nameDraft.text}
          aria-invalid={nameError !== undefined}
          onChange={(event) => {
            const text = event.currentTarget.value;
            if (text.trim() === '') {
              setNameError('give the workflow a name');
              nameDraft.typed(text, name);
              return;
            }
            setNameError(undefined);
            nameDraft.typed(text, text);
            actions.updateMeta({ name: text });
          }}
        />
        {nameError !== undefined && <p className="field-error">{nameError}</p>}
      </div>
      <div className="field">
        <label htmlFor="workflow-description">Description</label>
        <textarea
          id="workflow-description"
          data-testid={SETTINGS_IDS.workflowDescription}
          rows={3}
          value={descriptionDraft.text}
          placeholder="What this workflow does, for whoever opens it next"
          onChange={(event) => {
            const text = event.currentTarget.value;
            descriptionDraft.typed(text, text);
            actions.updateMeta({ description: text });
          }}
        />
      </div>
      <section className="settings-section" aria-label="Run inputs">
        <h3>Run inputs</h3>
        <InputsBuilder />
      </section>
      <WorkflowSettingsSection />
    </div>
  );
}
