import type { Problem } from '../../src-shared/errors/operon-error.ts';
import { configProblems, whereInField } from './forms/field-problems.ts';
import { humanize } from './forms/derive-form.ts';
import { withNodeLabels } from '../../src-shared/workflow/node-labels.ts';

/** What joins the lines of a node's problems (a message's own line breaks become spaces). */
export const PROBLEM_LINE_BREAK = '\n';

/**
 * Each node's problems as a person reads them, by node id: one line a problem, naming its config field when it has one
 * (`Routes › #1 › name: …`) and nodes by label rather than id, joined by {@link PROBLEM_LINE_BREAK}. Nodes without
 * problems are absent.
 */
export function nodeProblemTexts(problems: readonly Problem[], labels: ReadonlyMap<string, string>): Map<string, string> {
  const lines = new Map<string, string[]>();
  for (const problem of problems) {
    if (problem.nodeId === undefined) continue;
    const line = withNodeLabels(`${fieldPrefix(problem)}${problem.message}`, labels).replaceAll(PROBLEM_LINE_BREAK, ' ');
    const list = lines.get(problem.nodeId);
    if (list === undefined) lines.set(problem.nodeId, [line]);
    else list.push(line);
  }
  return new Map([...lines].map(([nodeId, list]) => [nodeId, list.join(PROBLEM_LINE_BREAK)]));
}

/** "Expression: " for a problem at a node's config field, "Routes › #1 › name: " inside one; '' for any other. */
function fieldPrefix(problem: Problem): string {
  const [placed] = configProblems([problem]);
  const [first, ...rest] = placed?.path ?? [];
  if (placed === undefined || first === undefined) return '';
  const where = whereInField({ ...placed, path: rest }, []);
  return `${humanize(String(first))}${where === '' ? '' : ` › ${where}`}: `;
}

const cache = new WeakMap<readonly Problem[], { labels: ReadonlyMap<string, string>; texts: Map<string, string> }>();

/**
 * {@link nodeProblemTexts}, computed once per problems array and labels (every node on the canvas asks for its own
 * line; the graph's problems are read once a validation).
 */
export function problemTextsOf(problems: readonly Problem[], labels: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  const cached = cache.get(problems);
  if (cached?.labels === labels) return cached.texts;
  const texts = nodeProblemTexts(problems, labels);
  cache.set(problems, { labels, texts });
  return texts;
}
