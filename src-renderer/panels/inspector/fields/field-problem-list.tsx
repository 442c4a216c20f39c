import { whereInField, type FieldProblem } from '../../../editor/forms/index.ts';

/** The problems of one field, each naming the field (and, inside it, where). */
export function FieldProblemList({ problems, label, at }: { problems: readonly FieldProblem[]; label: string; at: (string | number)[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="field-problems" data-testid="field-problems">
      {problems.map((problem, i) => {
        const where = whereInField(problem, at);
        return (
          <li key={i} className="field-error">
            <strong>{label}</strong>
            {where === '' ? '' : ` › ${where}`}: {problem.message}
          </li>
        );
      })}
    </ul>
  );
}
