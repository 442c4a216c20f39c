import type { z } from 'zod';
import type { SchemaError } from '../services/sandbox.ts';
import type { ErrorCode } from '../errors/catalogue.ts';
import type { NodeLlm } from '../llm/node-llm.ts';
import type { NodeMemory } from '../memory/node-memory.ts';
import type { Clock } from '../services/clock.ts';
import type { Trigger } from './trigger-record.ts';
import type { FileService } from '../services/files.ts';
import type { HttpService } from '../services/http.ts';
import type { SecretService } from '../services/secrets.ts';
import type { ApprovalRequest, Decision, ToolApproval } from './decision.ts';
import type { PortDef, PortMap, PortValues } from './ports.ts';
import type { SummaryLine } from './summary.ts';

export type NodeKind = 'trigger' | 'step';

/**
 * What resuming a run does with a node that was running when its process died (started, not finished), whose side
 * effect may or may not have happened. See the README's Reliability section for the table of built-in types.
 */
export type InterruptPolicy =
  /** Run it again: it has no side effect, or doing it twice is the same as once (reads, pure nodes, an atomic overwrite). */
  | 'rerun'
  /** Send it again as the same attempt, so its request carries the same `Idempotency-Key` and the server can see it has it. */
  | 'resend'
  /** Do not run it: the run waits for a person (approve runs it again, reject fails it; see decision.ts). */
  | 'ask';

/** What a node type's interrupt policy may look up: the policy of another type (Map runs one per item). */
export interface InterruptPolicyHelpers {
  policyOf(type: string, config: unknown): InterruptPolicy;
}

/** How a node treats inputs whose branch was not taken (skipped). */
export type JoinMode =
  /** Skipped if any connected input was skipped (the default). */
  | 'all'
  /** Runs once every input is settled, if at least one arrived; skipped inputs are undefined. */
  | 'any'
  /** Runs as soon as the first input arrives; later ones are ignored. */
  | 'first';

/** One tool call, as an agent reports it for the log. */
export interface ToolRecord {
  toolCallId: string;
  tool: string;
  arguments: unknown;
  result?: unknown;
  error?: string;
  durationMs: number;
  approval?: ToolApproval;
}

export type NodeLogger = (level: 'debug' | 'info' | 'warn' | 'error', message: string, data?: Record<string, unknown>) => void;

/** What a node's run function receives. Everything outside the node comes through here. */
export interface NodeContext<C, I> {
  config: C;
  inputs: I;
  node: { id: string; type: string; label: string | undefined };
  /**
   * The run. `trigger.payload` is what a trigger node fired with: a trigger node emits it when the run names it
   * (`trigger.nodeId`), or makes a sample of its own from the run inputs in a run started by hand.
   */
  run: { id: string; workflowId: string; inputs: Record<string, unknown>; trigger: Trigger };
  attempt: number;
  /** Aborts on cancellation or timeout; pass it to every await that can take time. */
  signal: AbortSignal;
  clock: Clock;
  http: HttpService;
  files: FileService;
  secrets: SecretService;
  log: NodeLogger;
  /** Evaluates a JSONata expression; `field` names the config field in errors; `extra` adds variables (`$index`). */
  evaluate(expression: string, data: unknown, field: string, extra?: Record<string, unknown>): Promise<unknown>;
  /** Fills `{{ expression }}` placeholders; a string that is one placeholder keeps the value's type. */
  template(text: string, data: unknown, field: string): Promise<unknown>;
  /**
   * Checks a value against a JSON Schema of the workflow's (an LLM node's output schema): the errors, none when it
   * matches. A schema with patterns is checked in the sandbox, off the event loop, and stopped by the node's timeout,
   * a cancel, or its own limit (OPR-223, naming `what`).
   */
  checkSchema(schema: Record<string, unknown>, value: unknown, what: string): Promise<SchemaError[]>;
  /** Streams part of an output (LLM tokens) to whoever is watching. */
  emitPartial(port: string, chunk: unknown): void;
  /** Model calls, with the run's budget, cache, retries, fallbacks and cost applied, each one logged. */
  llm: NodeLlm;
  /** The workspace's memory, with this node as the source of what it writes; each call is logged. */
  memory: NodeMemory;
  /** Logs one tool call an agent made (arguments, result or error, approval). */
  recordTool(record: ToolRecord): void;
  /** The recorded decision for this node, once a person has made it. */
  decision: Decision | undefined;
  /** When the node runs again after a decision: the request it waited on (an agent keeps its state in `data`). */
  waitedOn: ApprovalRequest | undefined;
  /** Pauses the run for a person's decision. Never returns: the run resumes later with `decision` set. */
  waitForDecision(request: ApprovalRequest): never;
  /** Runs another workflow as a child run and returns its outputs. */
  runWorkflow(ref: string, inputs: Record<string, unknown>, signal: AbortSignal): Promise<Record<string, unknown>>;
  /** Runs one node of a registered type outside the graph (Map) and returns its emitted outputs. */
  runNode(type: string, config: unknown, inputs: Record<string, unknown>, signal: AbortSignal): Promise<Record<string, unknown>>;
}

/** A port map, or a function of the node's config that returns one (Router's branches). */
export type Ports<C, P extends PortMap> = P | ((config: C) => PortMap);

type ValuesOf<C, P> = P extends (config: C) => PortMap ? Record<string, unknown> : P extends PortMap ? PortValues<P> : never;
type OutputsOf<C, P> = P extends (config: C) => PortMap ? Record<string, unknown> : P extends PortMap ? Partial<PortValues<P>> : never;

/** A problem a node type's check finds, with a path into its config; the validator reports it as OPR-011 unless `code` says otherwise. */
export interface CheckProblem {
  path: string;
  message: string;
  /** A more precise catalogue code: OPR-021 for a reserved name. */
  code?: ErrorCode;
}

/** Static checks on a node's config beyond its schema (expressions compile, a referenced type exists). */
export interface ConfigCheckHelpers {
  /** Whether a node type id is registered. */
  hasNodeType(type: string): boolean;
  /** Problems with an inner node config (Map), as messages with paths. */
  checkInnerNode(type: string, config: unknown): CheckProblem[];
}

export interface NodeTypeDefinition<S extends z.ZodType, IP extends Ports<z.output<S>, PortMap>, OP extends Ports<z.output<S>, PortMap>> {
  /** Stable id used in workflow files, e.g. `core.transform`. */
  type: string;
  /** Bump with a migration in `migrations` whenever the config changes shape. */
  version: number;
  kind: NodeKind;
  title: string;
  category: string;
  description: string;
  /** An icon name for the editor. */
  icon: string;
  /** The key settings the canvas shows on the node (model, prompt, routes, URL), as data. */
  summary?: SummaryLine[];
  /** The config schema, with defaults: `config.parse({})` must succeed. */
  config: S;
  inputs: IP;
  outputs: OP;
  join?: JoinMode | ((config: z.output<S>) => JoinMode);
  /**
   * Whether the result cache may reuse this node's output (default true). Nodes with side effects (writing files,
   * asking a person) or whose result depends on more than their config and inputs (reading a file) say false.
   */
  cacheable?: boolean | ((config: z.output<S>) => boolean);
  /**
   * What resuming a killed run does with this node if it was running (default `rerun`, for types without side
   * effects). A type whose work reaches outside the run says `resend` (idempotent sends) or `ask`.
   */
  onInterrupted?: InterruptPolicy | ((config: z.output<S>, helpers: InterruptPolicyHelpers) => InterruptPolicy);
  /** `migrations[n]` turns a version-n config into version n+1. */
  migrations?: Record<number, (config: Record<string, unknown>) => Record<string, unknown>>;
  /**
   * The config fields whose expressions may read secrets (`$secret('NAME')`) because the node sends what they hold
   * (an HTTP request's `headers`, `url`, `query`, `body`): paths into the config, a field and everything under it,
   * `*` for any one key (`tools.*.config.headers`). A secret read in any other field fails the node (OPR-190).
   */
  sendsSecrets?: readonly string[];
  /** Checks that need more than the schema; returns problems with paths into the config. */
  check?: (config: z.output<S>, helpers: ConfigCheckHelpers) => CheckProblem[];
  /** Does the work. Returns the outputs by port id; a port left out is not emitted (its branch is skipped). */
  run: (context: NodeContext<z.output<S>, ValuesOf<z.output<S>, IP>>) => Promise<OutputsOf<z.output<S>, OP>>;
}

/** A node type with its generics erased, as the registry and the engine hold it. */
export interface NodeType {
  type: string;
  version: number;
  kind: NodeKind;
  title: string;
  category: string;
  description: string;
  icon: string;
  summary: SummaryLine[];
  config: z.ZodType;
  inputPorts(config: unknown): Record<string, PortDef>;
  outputPorts(config: unknown): Record<string, PortDef>;
  joinMode(config: unknown): JoinMode;
  cacheable(config: unknown): boolean;
  /** What resuming does with this node if its process died while it ran (see {@link InterruptPolicy}). */
  interruptPolicy(config: unknown, helpers: InterruptPolicyHelpers): InterruptPolicy;

  /** Whether the field an expression was evaluated for (`config.headers.Authorization`) sends secrets (`sendsSecrets`). */
  readonly sendsSecret: (field: string) => boolean;
  /** Whether any field of the type sends secrets: its logs may then name where it sent them, redacted. */
  sendsSecrets: boolean;
  migrations: Record<number, (config: Record<string, unknown>) => Record<string, unknown>>;
  check(config: unknown, helpers: ConfigCheckHelpers): CheckProblem[];
  run(context: NodeContext<unknown, Record<string, unknown>>): Promise<Record<string, unknown>>;
}

/** Declares a node type once: its config schema, ports and run function, with types inferred from the schema. */
export function defineNodeType<S extends z.ZodType, IP extends Ports<z.output<S>, PortMap>, OP extends Ports<z.output<S>, PortMap>>(
  definition: NodeTypeDefinition<S, IP, OP>,
): NodeType {
  const resolvePorts = (ports: Ports<z.output<S>, PortMap>, config: unknown): Record<string, PortDef> =>
    typeof ports === 'function' ? ports(config as z.output<S>) : ports;
  return {
    type: definition.type,
    version: definition.version,
    kind: definition.kind,
    title: definition.title,
    category: definition.category,
    description: definition.description,
    icon: definition.icon,
    summary: definition.summary ?? [],
    config: definition.config,
    inputPorts: (config) => resolvePorts(definition.inputs, config),
    outputPorts: (config) => resolvePorts(definition.outputs, config),
    joinMode: (config) => {
      const join = definition.join ?? 'all';
      return typeof join === 'function' ? join(config as z.output<S>) : join;
    },
    cacheable: (config) => {
      const cacheable = definition.cacheable ?? true;
      return typeof cacheable === 'function' ? cacheable(config as z.output<S>) : cacheable;
    },
    interruptPolicy: (config, helpers) => {
      const policy = definition.onInterrupted ?? 'rerun';
      return typeof policy === 'function' ? policy(config as z.output<S>, helpers) : policy;
    },

    sendsSecret: secretFieldMatcher(definition.sendsSecrets ?? []),
    sendsSecrets: (definition.sendsSecrets ?? []).length > 0,
    migrations: definition.migrations ?? {},
    check: (config, helpers) => definition.check?.(config as z.output<S>, helpers) ?? [],
    run: definition.run,
  };
}

/** Matches an evaluated field (`config.headers.X`) against `sendsSecrets` paths: the field itself or anything under it. */
function secretFieldMatcher(paths: readonly string[]): (field: string) => boolean {
  if (paths.length === 0) return () => false;
  const segment = (part: string): string => (part === '*' ? '[^.]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`^config\\.(?:${paths.map((path) => path.split('.').map(segment).join('\\.')).join('|')})(?:\\.|$)`);
  return (field) => pattern.test(field);
}
