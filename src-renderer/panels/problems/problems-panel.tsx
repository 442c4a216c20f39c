import { selectProblems, selectProblemsChecked } from '../../editor/store/index.ts';
import { TEST_IDS } from '../../test-ids.ts';
import { useEditor, useEditorSession } from '../../session/editor-context.ts';
import { useLabelText, useNodeLabeler } from '../../session/node-labels.ts';
import { plural } from '../../kit/plural.ts';

/** Live validation problems; clicking one selects its node (or edge). */
export function ProblemsPanel() {
  const { store } = useEditorSession();
  const problems = useEditor(selectProblems);
  const checked = useEditor(selectProblemsChecked);
  const labelOf = useNodeLabeler();
  const labelText = useLabelText();
  const edgeEnds = useEditor((s) => s.graph.edges);
  /** An edge as a person reads it: from which node to which. */
  const edgeName = (edgeId: string) => {
    const edge = edgeEnds.find((candidate) => candidate.id === edgeId);
    return edge === undefined ? edgeId : `${labelOf(edge.source)} → ${labelOf(edge.target)}`;
  };
  return (
    <section className="panel problems">
      <h2 title={checked ? plural(problems.length, 'problem') : 'Checking the workflow'}>
        Problems {checked && <span className="count">{problems.length}</span>}
      </h2>
      {!checked ? <p className="muted">Checking the workflow…</p> : problems.length === 0 && <p className="muted">No problems.</p>}
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
              {problem.nodeId !== undefined && (
                <span className="problem-where" title={problem.nodeId}>
                  {labelOf(problem.nodeId)}
                </span>
              )}
              {problem.edgeId !== undefined && (
                <span className="problem-where" title={problem.edgeId}>
                  {edgeName(problem.edgeId)}
                </span>
              )}
              <span>{labelText(problem.message)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
