import type { ErrorCode } from './catalogue.ts';

/** Where in a workflow a problem sits: a node, an edge, and a path into the document or config. */
export interface ProblemLocation {
  nodeId?: string;
  edgeId?: string;
  /** A path into the workflow document, e.g. `nodes[2].config.url`. */
  path?: string;
}

/** One problem found in a workflow file or its inputs; a validator returns all of them, not the first. */
export interface Problem extends ProblemLocation {
  code: ErrorCode;
  message: string;
}

/** The serialisable form of an error, as written to logs and sent across processes. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  nodeId?: string;
  retryable?: boolean;
  /** Extra facts (an HTTP status, an item index): data only. */
  details?: Record<string, unknown>;
  stack?: string;
}

/** An error with a catalogue code. `retryable` tells the engine whether a retry may help. */
export class OperonError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details: Record<string, unknown> | undefined;
  readonly nodeId: string | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { retryable?: boolean; details?: Record<string, unknown>; nodeId?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'OperonError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.details = options.details;
    this.nodeId = options.nodeId;
  }

  toInfo(): ErrorInfo {
    return {
      code: this.code,
      message: this.message,
      ...(this.nodeId === undefined ? {} : { nodeId: this.nodeId }),
      retryable: this.retryable,
      ...(this.details === undefined ? {} : { details: this.details }),
      ...(this.stack === undefined ? {} : { stack: this.stack }),
    };
  }
}

/** A workflow that failed validation: carries every problem found. */
export class InvalidWorkflowError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(
      `The workflow is invalid: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${problems.map(formatProblem).join('\n')}`,
    );
    this.name = 'InvalidWorkflowError';
    this.problems = problems;
  }
}

/** One line a person can read: `OPR-014 node "merge" (nodes[3]): required input "in1" has no edge`. */
export function formatProblem(problem: Problem): string {
  const where = [
    problem.nodeId === undefined ? undefined : `node "${problem.nodeId}"`,
    problem.edgeId === undefined ? undefined : `edge "${problem.edgeId}"`,
    problem.path === undefined ? undefined : `at ${problem.path}`,
  ].filter((part) => part !== undefined);
  return `${problem.code} ${where.length > 0 ? `${where.join(' ')}: ` : ''}${problem.message}`;
}

/** Turns anything thrown into ErrorInfo, keeping a code when there is one. */
export function toErrorInfo(error: unknown, fallbackCode: ErrorCode = 'OPR-102'): ErrorInfo {
  if (error instanceof OperonError) return error.toInfo();
  if (error instanceof Error) {
    return { code: fallbackCode, message: error.message, retryable: false, ...(error.stack === undefined ? {} : { stack: error.stack }) };
  }
  return { code: fallbackCode, message: String(error), retryable: false };
}
