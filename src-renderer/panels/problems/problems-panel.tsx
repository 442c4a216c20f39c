import { selectProblems } from '../../editor/store/index.ts';
import { TEST_IDS } from '../../test-ids.ts';
import { useEditor, useEditorSession } from '../../session/editor-context.ts';

/** Live validation problems; clicking one selects its node (or edge). */
export function ProblemsPanel() {
  const { store } = useEditorSession();
  const problems = useEditor(selectProblems);
  return (
    <section className="panel problems">
      <h2>
        Problems <span className="count">{problems.length}</span>
      </h2>
      {problems.length === 0 && <p className="muted">No problems.</p>}
      <ul data-testid={TEST_IDS.problemsList}>
        {problems.map((problem, i) => (
          <li key={i}>
            <button
              type="button"
              className="list-item problem"
              data-testid={TEST_IDS.problemItem}
              onClick={() => {
                const { select } = store.getState().actions;
                if (problem.nodeId !== undefined) select({ nodeIds: [problem.nodeId] });
                else if (problem.edgeId !== undefined) select({ edgeIds: [problem.edgeId] });
              }}
            >
              <span className="problem-code">{problem.code}</span>
              {problem.nodeId !== undefined && <span className="problem-where">{problem.nodeId}</span>}
              {problem.edgeId !== undefined && <span className="problem-where">{problem.edgeId}</span>}
              <span>{problem.message}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
