import { z } from 'zod';
import { ERROR_CATALOGUE, type ErrorCode } from '../errors/catalogue.ts';
import { InvalidWorkflowError, OperonError, type Problem } from '../errors/operon-error.ts';

export const ErrorCodeSchema = z.custom<ErrorCode>((value) => typeof value === 'string' && value in ERROR_CATALOGUE, 'unknown error code');

export const ProblemSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  path: z.string().optional(),
});

/** An error as it crosses the API: a catalogue code, a message, and the workflow problems behind it if any. */
export const ApiErrorInfoSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  problems: z.array(ProblemSchema).optional(),
});
export type ApiErrorInfo = z.infer<typeof ApiErrorInfoSchema>;

/** The codes the API uses for its own failures (the catalogue's API section, OPR-160 to 169). */
export const API_ERROR_CODES = {
  /** A request that does not match the contract (an unknown call, a missing or mistyped field); the path names it. */
  badRequest: 'OPR-160',
  /** No workflow file with that id in the workspace. */
  workflowNotFound: 'OPR-161',
  /** The connection failed or closed before an answer came, or the server answered something the contract refuses. */
  transport: 'OPR-162',
  /** Anything unexpected on the server. */
  internal: 'OPR-163',
  /** A desktop IPC call from a sender that is not the app's own renderer (another page, a frame, an unknown window). */
  refusedCaller: 'OPR-164',
  /** The desktop app cannot store a provider key safely on this machine (no OS keychain), so it refuses to store it. */
  keyStorageUnavailable: 'OPR-165',
} as const satisfies Record<string, ErrorCode>;

/** An error from an API call, on either side of the transport. */
export class ApiError extends OperonError {
  readonly problems: Problem[] | undefined;

  constructor(code: ErrorCode, message: string, options: { problems?: Problem[]; cause?: unknown } = {}) {
    super(code, message, options.cause === undefined ? {} : { cause: options.cause });
    this.name = 'ApiError';
    this.problems = options.problems;
  }

  static fromInfo(info: ApiErrorInfo): ApiError {
    return new ApiError(info.code, info.message, info.problems === undefined ? {} : { problems: info.problems });
  }

  toApiInfo(): ApiErrorInfo {
    return { code: this.code, message: this.message, ...(this.problems === undefined ? {} : { problems: this.problems }) };
  }
}

/** A request that does not match the contract; one problem per zod issue, its path prefixed with `prefix`. */
export function badRequest(prefix: string, error: z.ZodError): ApiError {
  const problems: Problem[] = error.issues.map((issue) => ({
    code: API_ERROR_CODES.badRequest,
    path: formatIssuePath(prefix, issue.path),
    message: issue.message,
  }));
  const summary = problems.map((problem) => `${problem.path ?? prefix}: ${problem.message}`).join('; ');
  return new ApiError(API_ERROR_CODES.badRequest, `invalid ${prefix}: ${summary}`, { problems });
}

/** Turns anything thrown while serving a call into the error sent back; unexpected errors keep only their message. */
export function toApiErrorInfo(error: unknown): ApiErrorInfo {
  if (error instanceof ApiError) return error.toApiInfo();
  if (error instanceof InvalidWorkflowError)
    return { code: error.problems[0]?.code ?? API_ERROR_CODES.badRequest, message: error.message, problems: error.problems };
  if (error instanceof OperonError) return { code: error.code, message: error.message };
  return { code: API_ERROR_CODES.internal, message: `internal error: ${error instanceof Error ? error.message : String(error)}` };
}

function formatIssuePath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return out;
}
