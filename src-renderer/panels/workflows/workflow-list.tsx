import { TEST_IDS, workflowListItemId } from '../../test-ids.ts';
import type { Workspace } from '../../session/use-workspace.ts';
import { plural } from '../../kit/plural.ts';

/** The workspace's workflows; click one to open it. */
export function WorkflowList({ workspace }: { workspace: Workspace }) {
  const openId = workspace.session?.workflowId;
  return (
    <section className="panel workflow-list">
      <h2>Workflows</h2>
      {workspace.loadError !== undefined && <p className="error">{workspace.loadError}</p>}
      {workspace.workflows.length === 0 && workspace.loadError === undefined && <p className="muted">No workflows yet.</p>}
      <ul data-testid={TEST_IDS.workflowList}>
        {workspace.workflows.map((workflow) => (
          <li key={workflow.id}>
            <button
              type="button"
              className={workflow.id === openId ? 'list-item active' : 'list-item'}
              data-testid={workflowListItemId(workflow.id)}
              title={workflow.problem ?? workflow.description}
              onClick={() => void workspace.open(workflow.id)}
            >
              <span className="list-item-name">{workflow.name}</span>
              <span className="muted">{workflow.problem === undefined ? plural(workflow.nodes, 'node') : 'damaged'}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
