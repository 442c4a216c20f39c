import { useMemo, useState } from 'react';
import { Search } from 'lucide-react';
import type { WorkflowSummary } from '../../../src-shared/api/schemas.ts';
import { LIBRARY_IDS, TEST_IDS } from '../../test-ids.ts';
import type { Workspace } from '../../session/use-workspace.ts';
import { DeleteWorkflowDialog } from './delete-workflow-dialog.tsx';
import { WorkflowRow } from './workflow-row.tsx';
import { ActivationSwitch, ListeningLines, RefusalNote, type Refusal } from './activation-parts.tsx';
import { useTriggerFeed } from '../../session/triggers/use-trigger-feed.ts';
import { useSetActive, useTriggerStore } from '../../session/triggers/use-activation.ts';
import './workflows.css';
import { useCan } from '../../session/access/use-whoami.ts';
import { rolesThatMay } from '../../session/access/whoami-store.ts';

/** The workspace's workflows: search, open, and each one's menu (rename, duplicate, export, delete). */
export function WorkflowList({ workspace }: { workspace: Workspace }) {
  const openId = workspace.session?.workflowId;
  const canOperate = useCan('operate');
  const canEdit = useCan('edit');
  const [query, setQuery] = useState('');
  const [deleting, setDeleting] = useState<WorkflowSummary>();
  const shown = useMemo(() => matching(workspace.workflows, query), [workspace.workflows, query]);
  const { library } = workspace;
  useTriggerFeed();
  const activations = useTriggerStore((s) => s.activations);
  const pending = useTriggerStore((s) => s.pending);
  const setActive = useSetActive(workspace.catalogue, workspace.session);
  const [refusal, setRefusal] = useState<Refusal>();
  const toggle = async (workflowId: string, on: boolean) => {
    setRefusal(undefined);
    const result = await setActive(workflowId, on);
    if (!result.ok) setRefusal({ workflowId, result });
  };

  const activationParts = (workflow: WorkflowSummary) => {
    const activation = activations.get(workflow.id);
    if (activation === undefined) return {};
    const refused = refusal?.workflowId === workflow.id ? refusal.result : undefined;
    return {
      activation: (
        <ActivationSwitch
          name={workflow.name}
          activation={activation}
          busy={pending.has(workflow.id)}
          onToggle={(on) => void toggle(workflow.id, on)}
          notAllowed={canOperate ? undefined : `Activating needs ${rolesThatMay('operate')} role`}
        />
      ),
      below: (
        <>
          <ListeningLines activation={activation} />
          {refused !== undefined && <RefusalNote refusal={refused} onDismiss={() => setRefusal(undefined)} />}
        </>
      ),
    };
  };

  return (
    <section className="panel workflow-list">
      <h2>Workflows</h2>
      {workspace.workflows.length > 0 && (
        <label className="workflow-search">
          <Search size={14} aria-hidden />
          <input
            type="search"
            placeholder="Search workflows"
            aria-label="Search workflows"
            data-testid={LIBRARY_IDS.workflowSearch}
            value={query}
            onChange={(event) => setQuery(event.currentTarget.value)}
            onKeyDown={(event) => event.key === 'Escape' && setQuery('')}
          />
        </label>
      )}
      {workspace.loadError !== undefined && <p className="error">{workspace.loadError}</p>}
      {workspace.workflows.length === 0 && workspace.loadError === undefined && <p className="muted">No workflows yet.</p>}
      {workspace.workflows.length > 0 && shown.length === 0 && (
        <p className="muted" data-testid={LIBRARY_IDS.workflowSearchEmpty}>
          No workflow matches “{query.trim()}”.
        </p>
      )}
      <ul data-testid={TEST_IDS.workflowList}>
        {shown.map((workflow) => (
          <WorkflowRow
            key={workflow.id}
            workflow={workflow}
            active={workflow.id === openId}
            // The open one stays as it is (reopening would reload it and drop the view).
            onOpen={() => workflow.id !== openId && void workspace.open(workflow.id)}
            onRename={(name) => void library.rename(workflow.id, name)}
            onDuplicate={() => void library.duplicate(workflow.id)}
            onExport={() => void library.exportFile(workflow.id)}
            onDelete={() => setDeleting(workflow)}
            editable={canEdit}
            {...activationParts(workflow)}
          />
        ))}
      </ul>
      {deleting !== undefined && (
        <DeleteWorkflowDialog
          name={deleting.name}
          onCancel={() => setDeleting(undefined)}
          onConfirm={() => {
            setDeleting(undefined);
            void library.remove(deleting.id);
          }}
        />
      )}
    </section>
  );
}

/** The workflows whose name, description or id contain every word of the query (case and accents ignored). */
function matching(workflows: readonly WorkflowSummary[], query: string): readonly WorkflowSummary[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return workflows;
  return workflows.filter((w) => {
    const text = fold(`${w.name} ${w.description} ${w.id}`);
    return words.every((word) => text.includes(word));
  });
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
