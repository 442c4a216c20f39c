import type { Problem } from '../../../src-shared/errors/operon-error.ts';

/** A node problem placed on a config field: the path inside the config it concerns, and its message. */
export interface FieldProblem {
  path: (string | number)[];
  code: string;
  message: string;
}

/**
 * The problems of one node that concern its config, with their paths inside the config: `nodes[2].config.routes.0.name`
 * and `nodes[2].config.routes[0].name` both give `['routes', 0, 'name']`. Problems elsewhere (edges, settings) are left out.
 */
export function configProblems(problems: readonly Problem[]): FieldProblem[] {
  const placed: FieldProblem[] = [];
  for (const problem of problems) {
    const path = configPath(problem.path);
    if (path !== undefined) placed.push({ path, code: problem.code, message: problem.message });
  }
  return placed;
}

function configPath(path: string | undefined): (string | number)[] | undefined {
  if (path === undefined) return undefined;
  const match = /^nodes\[\d+\]\.config(?:$|[.[])/.exec(path);
  if (match === null) return undefined;
  const rest = path.slice(match[0].length - (match[0].endsWith('[') ? 1 : 0));
  const segments: (string | number)[] = [];
  for (const part of rest.match(/\[\d+\]|[^.[\]]+/g) ?? []) {
    if (part.startsWith('[')) segments.push(Number(part.slice(1, -1)));
    else segments.push(/^\d+$/.test(part) ? Number(part) : part);
  }
  return segments;
}

/**
 * The problems a field shows: a field whose parts are fields of their own (list, object) shows those exactly at its
 * path, its parts show the rest; any other field shows every problem at or below its path.
 */
export function problemsOfField(problems: readonly FieldProblem[], path: readonly (string | number)[], leaf: boolean): FieldProblem[] {
  return problems.filter((problem) => (leaf ? startsWith(problem.path, path) : samePath(problem.path, path)));
}

/** Whether any problem lies at or below the path (a collapsed row, a closed card). */
export function hasProblemsUnder(problems: readonly FieldProblem[], path: readonly (string | number)[]): boolean {
  return problems.some((problem) => startsWith(problem.path, path));
}

/** How a problem below a field names where it is, in the field's own terms: "category › values" or "". */
export function whereInField(problem: FieldProblem, fieldPath: readonly (string | number)[]): string {
  return problem.path
    .slice(fieldPath.length)
    .map((segment) => (typeof segment === 'number' ? `#${segment + 1}` : segment))
    .join(' › ');
}

function startsWith(path: readonly (string | number)[], prefix: readonly (string | number)[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => String(segment) === String(path[i]));
}

function samePath(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  return a.length === b.length && startsWith(a, b);
}
