import { createExpressions } from '../../expressions/jsonata.ts';
import type { CheckProblem } from '../define-node-type.ts';

/** A config problem, with a path into the node's config. */
export type ConfigProblem = CheckProblem;

/** One module-level instance for static checks only: nodes evaluate through their context. */
const staticExpressions = createExpressions();

/** Problems with a JSONata expression at `path`: empty, or does not compile. */
export function checkExpression(path: string, expression: string): ConfigProblem[] {
  if (expression.trim() === '') return [{ path, message: 'expression is empty' }];
  const reason = staticExpressions.check(expression);
  return reason === undefined ? [] : [{ path, message: `expression does not compile: ${reason}` }];
}

/** Problems with a `{{ }}` template at `path`; `required` also reports an empty one. */
export function checkTemplate(path: string, text: string, required = false): ConfigProblem[] {
  if (required && text.trim() === '') return [{ path, message: 'is required' }];
  const reason = staticExpressions.checkTemplate(text);
  return reason === undefined ? [] : [{ path, message: `template does not compile: ${reason}` }];
}
