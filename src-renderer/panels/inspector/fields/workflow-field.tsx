import { useId } from 'react';
import { problemsOfField } from '../../../editor/forms/index.ts';
import { useEditorSession } from '../../../session/editor-context.ts';
import { useWorkflowChoices } from '../../../session/triggers/use-workflow-choices.ts';
import { inspectorFieldId } from '../../../test-ids.ts';
import { FieldProblemList } from './field-problem-list.tsx';
import type { FieldProps } from './field-props.ts';

/** The workspace's other workflows by name, stored by id (the workflow a trigger follows, the error workflow). */
export function WorkflowPicker({
  value,
  onChange,
  testId,
  noneLabel,
  id,
}: {
  id?: string;
  value: unknown;
  onChange: (id: string | undefined) => void;
  testId: string;
  /** The choice that leaves it unset ("None"); without it, "Choose a workflow" until one is chosen. */
  noneLabel?: string;
}) {
  const { workflowId } = useEditorSession();
  const { workflows, error } = useWorkflowChoices();
  const chosen = typeof value === 'string' ? value : '';
  const others = workflows.filter((w) => w.id !== workflowId);
  const known = chosen === '' || others.some((w) => w.id === chosen);
  return (
    <>
      <select id={id} data-testid={testId} value={chosen} onChange={(event) => onChange(event.currentTarget.value || undefined)}>
        {(noneLabel !== undefined || chosen === '') && <option value="">{noneLabel ?? 'Choose a workflow…'}</option>}
        {!known && <option value={chosen}>{chosen} (not in this workspace)</option>}
        {others.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
      {error !== undefined && <p className="field-error">Could not list the workflows: {error}</p>}
    </>
  );
}

/** A config field holding a workflow's id (`ui: 'workflow'`). */
export function WorkflowField({ field, value, onChange, at = field.path, problems = [] }: FieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{field.label}</label>
      <WorkflowPicker id={id} value={value} onChange={(next) => onChange(next ?? '')} testId={inspectorFieldId(at)} />
      <FieldProblemList problems={problemsOfField(problems, at, true)} label={field.label} at={at} />
      {field.description !== undefined && <p className="field-help">{field.description}</p>}
    </div>
  );
}
