/** One code's entry in the catalogue. */
export interface CatalogueEntry {
  title: string;
  /** What it means and what to do, for `docs/errors.md`. */
  help: string;
  /**
   * Bad input or configuration, found before anything ran (run inputs, the model provider, a workspace id or file):
   * `operon` exits with code 2 (invalid) rather than 1 (failed).
   */
  invalidInput?: true;
}

/**
 * The numbered error catalogue, shared by the engine, the CLI, the API and the UI.
 * A user can search for a code (`OPR-014`) and find its meaning and what to do in `docs/errors.md`.
 * Codes are never reused or renumbered; retired codes stay listed.
 */
export const ERROR_CATALOGUE = {
  // Workflow file: reading and schema (001-009)
  'OPR-001': {
    title: 'Not valid JSON',
    help: 'The workflow file could not be parsed as JSON. Fix the syntax at the reported line and column.',
  },
  'OPR-002': {
    title: 'Workflow does not match the file format',
    help: 'A field is missing or has the wrong type. The path names the field.',
  },
  'OPR-003': {
    title: 'Unsupported schemaVersion',
    help: 'The file was written by a newer Operon, or its schemaVersion is not a known version. Upgrade Operon or fix the number.',
  },
  'OPR-004': { title: 'Migration failed', help: 'The file is an older version and could not be migrated to the current format.' },
  'OPR-005': { title: 'File could not be read', help: 'The path does not exist or cannot be read.' },
  'OPR-006': {
    title: 'Nested too deep or too large',
    help: "A workflow file, run inputs, a model's answer or an API message nests deeper than 128 levels, or a file is larger than 16 MiB. The message names the limit and the path where it was passed. Real workflows nest about 10 levels: flatten the value, or put a large one in a file the workflow reads.",
    invalidInput: true,
  },
  // Graph structure (010-029)
  'OPR-010': { title: 'Unknown node type', help: 'The node type is not registered in this version of Operon.' },
  'OPR-011': { title: 'Invalid node config', help: "A node's config does not match its type's schema. The path names the field." },
  'OPR-012': { title: 'Edge to a missing node', help: 'An edge names a source or target node id that does not exist.' },
  'OPR-013': { title: 'Edge to a missing port', help: 'An edge names a port the node does not have.' },
  'OPR-014': { title: 'Required input has no edge', help: 'Connect an edge to the required input port.' },
  'OPR-015': { title: 'Incompatible port types', help: "The source port's type cannot flow into the target port's type." },
  'OPR-016': { title: 'Cycle in the graph', help: 'Workflows are acyclic. Remove an edge on the named cycle; use Map for repetition.' },
  'OPR-017': { title: 'Duplicate id', help: 'Node ids, edge ids and sticky note ids must each be unique within a workflow.' },
  'OPR-018': { title: 'Input port has more than one edge', help: 'An input port takes one edge. Use a Merge node to join branches.' },
  'OPR-019': {
    title: 'Unsupported node type version',
    help: "The node's typeVersion is newer than this Operon knows, or has no migration.",
  },
  'OPR-020': { title: 'Invalid workflow settings', help: 'A workflow-level setting is out of range.' },
  'OPR-021': {
    title: 'Reserved name',
    help: 'A node or edge id, a port, route or output name, or an input name is one JavaScript gives a meaning to on every object (`__proto__`, `constructor`, `prototype`, `toString`, `hasOwnProperty`, `valueOf`…), or the file has a `__proto__` key. Such a name cannot be a plain key, so it would be lost or misrouted: rename it.',
    invalidInput: true,
  },
  // Run inputs (030-039)
  'OPR-030': { title: 'Invalid run inputs', help: "The run inputs do not match the workflow's inputs schema.", invalidInput: true },
  'OPR-031': { title: 'Invalid inputs schema', help: "The workflow's inputs field is not a valid JSON Schema." },
  // Node execution (100-149)
  'OPR-100': {
    title: 'Node timed out',
    help: "The node ran longer than its timeout. Raise the node's timeoutMs or make the work smaller.",
  },
  'OPR-101': {
    title: 'Node input does not match its port',
    help: 'A value arriving at an input port failed the port type. The message names the port.',
  },
  'OPR-102': { title: 'Node failed', help: 'The node raised an error. The node log has every attempt.' },
  'OPR-103': { title: 'Node output does not match its port', help: 'A node produced a value that does not match its output port type.' },
  'OPR-104': { title: 'Run cancelled', help: 'The run was cancelled; nodes that had finished are kept.' },
  'OPR-105': { title: 'Run time limit reached', help: 'The run passed its wall-time limit (settings.maxRunMs).' },
  'OPR-106': { title: 'Node execution limit reached', help: 'The run passed settings.maxNodeExecutions.' },
  'OPR-107': {
    title: 'Expression error',
    help: 'A JSONata expression failed to compile or evaluate. The message names the node and field.',
  },
  'OPR-108': { title: 'HTTP request failed', help: 'The request failed or returned an error status.' },
  'OPR-109': { title: 'Path outside the files folder', help: "File nodes are confined to the workspace's files folder." },
  'OPR-110': { title: 'File error', help: 'A file could not be read, parsed or written.' },
  'OPR-111': { title: 'Sub-workflow failed', help: 'A called workflow failed or could not be loaded.' },
  'OPR-112': {
    title: 'Not supported inside a sub-workflow',
    help: 'Human approval cannot wait inside a sub-workflow or Map yet; put it in the parent.',
  },
  'OPR-113': { title: 'Map item failed', help: 'An item of a Map failed. The message names its index.' },
  'OPR-114': {
    title: 'Expression memory limit reached',
    help: 'An expression used more memory than its limit and was stopped. Make it work on less data, or without recursion.',
  },
  // Models and agents (120-139)
  'OPR-120': {
    title: 'No model provider configured',
    help: 'Set OPENAI_API_KEY for OpenAI, or add the provider to the workspace providers.json (a base URL for Ollama, LM Studio, vLLM…). See the README.',
    invalidInput: true,
  },
  'OPR-121': {
    title: 'Model provider error',
    help: 'The provider refused or failed the request. 429, 5xx, timeouts and connection errors are retried; others are not.',
  },
  'OPR-122': { title: 'Unreadable model answer', help: 'The provider answered with something that is not a chat completion.' },
  'OPR-123': {
    title: 'Budget reached',
    help: 'The call would pass the run or workspace budget (settings.budgets, or the workspace settings.json); it was not sent.',
  },
  'OPR-124': {
    title: 'Answer does not match its schema',
    help: 'The structured answer was not valid JSON for its schema, even after one repair attempt.',
  },
  'OPR-125': {
    title: 'Agent limit reached',
    help: 'The agent reached its maxIterations, maxTokens or maxCostUsd. The message says which.',
  },
  'OPR-126': { title: 'Tool failed', help: 'A tool the agent called failed; the error went back to the model.' },
  // Memory (140-149)
  'OPR-140': {
    title: 'Invalid memory request',
    help: 'A memory node or command asked for something the store cannot do: an unknown collection, a field of the wrong type, a bad filter.',
  },
  'OPR-141': {
    title: 'Memory built with another embedder',
    help: 'The memory table was built with another embedder or dimension. Run `operon memory reindex --workspace W` to embed it again with the current one.',
  },
  'OPR-142': {
    title: 'Memory storage failed',
    help: 'LanceDB could not read or write the workspace memory. The message says what failed.',
  },
  'OPR-143': {
    title: 'Embedding failed',
    help: 'The embedder could not embed the text (a provider error, or the offline model could not load).',
  },
  // Runs, approvals and storage (150-199)
  'OPR-150': { title: 'Run not found', help: 'No run with that id in this workspace.' },
  'OPR-151': { title: 'Run is not waiting', help: 'Only a run in status waiting takes an approval decision.' },
  'OPR-152': { title: 'No such pending approval', help: 'The run has no pending approval on that node. `operon runs show` lists them.' },
  'OPR-153': { title: 'Run is locked', help: 'Another process is working on this run.' },
  'OPR-154': { title: 'Run log is damaged', help: 'A run log line could not be read. The message names the file and line.' },
  'OPR-155': {
    title: 'Invalid workspace id',
    help: 'Workspace ids are 1-64 characters: letters, digits, dash and underscore.',
    invalidInput: true,
  },
  'OPR-157': {
    title: 'Invalid workspace file',
    help: "A workspace's settings.json or a prices.json does not match its format. The message names the file and field.",
    invalidInput: true,
  },
  // The API between the editor and the host (160-169)
  'OPR-160': {
    title: 'Malformed API request',
    help: 'A request to the Operon API does not match its contract: an unknown call, or a missing or mistyped field (the path names it).',
  },
  'OPR-161': { title: 'Workflow not found', help: 'No workflow with that id in the workspace.' },
  'OPR-162': {
    title: 'API connection lost',
    help: 'The connection to the Operon host dropped, or it answered something that is not in the contract. The editor reconnects by itself.',
  },
  'OPR-163': { title: 'API call failed', help: 'The host failed while answering a call. The message says what failed.' },
  'OPR-164': {
    title: 'API caller refused',
    help: "A call to the desktop app's API came from a page or frame that is not Operon's own editor, or from a window with no connection to the engine host, so it was not carried out.",
  },
  'OPR-165': {
    title: 'Key storage unavailable',
    help: "The desktop app stores provider keys only with the operating system's keychain (Electron safeStorage). Where there is none (on Linux, the basic_text backend: no GNOME Keyring or KWallet running), it refuses to store a key rather than keep it in the clear; set the key as an environment variable before starting the app instead.",
  },
  'OPR-156': {
    title: 'Secret not found',
    help: 'Store the secret in the workspace with `operon secrets set NAME` (the value from standard input or a hidden prompt), or set the environment variable OPERON_SECRET_<NAME>.',
  },
  'OPR-158': {
    title: 'Run is not paused',
    help: 'Step and Continue apply to a debug run held before a node by this host. Start the run in debug mode (with breakpoints) to pause it.',
  },
  'OPR-159': {
    title: 'Invalid partial run',
    help: 'A run from or to a node (or a pin) names a node the workflow does not have, a past run of another workflow, or outputs that run did not produce. The message says which.',
  },
  'OPR-170': {
    title: 'Run is not interrupted',
    help: 'Only a run whose process stopped without finishing (status running, its process gone) can be resumed: `operon runs resume` or `runs.continueInterrupted`. A run still going on cannot; a waiting run continues with `operon approve` or `reject`; a finished run can be run again (`operon run`, or `--from-run` to reuse its outputs); a sub-workflow run is resumed through the run that called it.',
  },
  // The command line (171-179)
  'OPR-171': {
    title: 'Invalid command line',
    help: 'An unknown command or option, a missing argument or a bad option value. `operon <command> --help` lists what a command takes.',
    invalidInput: true,
  },
  'OPR-172': {
    title: 'Unexpected error',
    help: 'Operon failed in a way it did not foresee; the message says what failed. Run the command again with `OPERON_DEBUG=1` to print the stack, and report it.',
  },
  'OPR-173': {
    title: 'Data folder unusable',
    help: 'The data folder (--data-dir, OPERON_HOME or ~/.operon) must be a normal folder Operon can write: not a file, not under /proc, /sys or /dev, not read-only. The message names the folder and what is wrong with it.',
    invalidInput: true,
  },
  // Model providers at design time (180-184)
  'OPR-180': {
    title: 'Model provider not configured',
    help: 'An LLM or Agent node names a model provider that is not configured where the workflow is checked, so a run here would fail with OPR-120. A warning: `operon validate` still exits 0, and the workflow runs where the provider is configured. Configure it (OPENAI_API_KEY for openai; the workspace providers.json or OPERON_PROVIDER_<NAME>_BASE_URL for others, see the README) or pick one of the configured providers the message lists.',
  },
  // Expressions and templates at design time (185-189)
  'OPR-185': {
    title: 'Unknown function in an expression',
    help: 'An expression or a `{{ }}` placeholder calls a function that is neither a JSONata built-in nor one Operon provides (`$secret`), and that it does not define itself (`$f := function($x) { … }`). Check the spelling: the message names the node, the field and the function; the editor lists the functions as you type `$`.',
  },
  'OPR-186': {
    title: 'Unknown input field',
    help: "A template variable or an expression reads a field of the node's input (`{{ subject }}`, `subject`) that the node connected to its input does not provide: the run inputs the workflow declares, an LLM's structured-output schema, the object a Transform builds. It would be empty at run time. Use one of the fields the message lists, or add the field upstream (declare the run input, add it to the schema).",
  },
  'OPR-187': {
    title: 'Unknown run input',
    help: "An expression or template reads `$run.name`, but the workflow's inputs schema declares no input of that name. Declare it in the workflow's inputs, or use one of the names the message lists.",
  },
  'OPR-188': {
    title: 'Unknown input port in an expression',
    help: "An expression or template reads `$inputs.port` for a port the node does not have. `$inputs` holds the node's inputs by port name (`$inputs.in`).",
  },
  // Secrets (190-194)
  'OPR-190': {
    title: 'Secret would leave where it is sent',
    help: "A secret ($secret('NAME'), or a value computed from it) may only go where a node sends it: an HTTP request's URL, headers, query and body (and an agent's HTTP tools), or a model provider's key. A node that would put one into any other field, an output, a streamed output, a log, a memory record, a file, a model's prompt or a tool's result fails with this code, naming the secret and the field, never the value. So does a model whose answer holds a secret the run used or the key it was called with (named by its variable, such as OPENAI_API_KEY): the answer is not streamed, cached or handed on. Move the $secret call into the request that needs it; to choose a secret upstream, pass its name and read it there with $secret($.name).",
  },
  'OPR-191': {
    title: 'Secret in a pin or an export',
    help: "A pin or an exported workflow would hold the value of a secret (or a form of it: base64, URL-encoded). Pins and exports are written to disk and shared: use $secret('NAME') in the field that sends it instead of the value.",
  },
  // Resuming a killed run (195-199)
  'OPR-195': {
    title: 'Interrupted node waits for a person',
    help: "The run's process died while this node was running, and its type does not run it again on its own (appending to a file, writing a memory record, a sub-workflow, an agent with http or workflow tools): what it does outside the run may already have happened. Check whether it did, then `operon approve <run> --node <node>` to run it again, or `operon reject` to fail it without running it again (its on-error setting applies: route or continue lets the run go on).",
  },
  'OPR-196': {
    title: 'Interrupted node rejected',
    help: "A person rejected running an interrupted node again (OPR-195), so it failed without running. Set the node's on-error to route or continue if the run should go on after such a rejection.",
  },
  // Hardening (223-229)
  'OPR-223': {
    title: 'Schema pattern took too long',
    help: "Checking a value against a JSON Schema of the workflow (an LLM node's output schema, an agent tool's parameters) took longer than its limit: a `pattern` or `patternProperties` regex backtracks on this value (like `(a+)+$`). The check ran in a worker and was stopped. Simplify the pattern (no nested repetition), or check the value in a later node.",
  },
  // Run inputs and sub-workflow inputs (205-209)
  'OPR-205': {
    title: 'Unknown run input',
    help: "The run inputs name an input the workflow's inputs schema does not declare (a misspelt `--input`, say). The message names it and lists the declared inputs. Where the schema forbids other inputs (`additionalProperties: false`) nothing runs; otherwise `operon run` warns and passes the input on (expressions can still read it as `$run.name`).",
    invalidInput: true,
  },
  'OPR-206': {
    title: 'Sub-workflow inputs do not fit',
    help: "A Sub-workflow node or a Map in workflow mode gave a workflow inputs its inputs schema refuses: a required field missing (the message names it), or one of the wrong type. Nothing of that workflow ran. Both pass the value itself as the child's inputs (a Map passes each item); shape it with the node's inputs expression (over the value, and `$index` for a Map's item) to give the fields the child declares.",
  },
  // Installing operon (200-204)
  'OPR-200': {
    title: 'The installed operon has no built CLI',
    help: '`operon` found neither its build (`out/cli/main.js`) nor its sources beside `bin/operon.js`: the package was packed without building, or files were removed since. Pack it again with `npm pack` (which builds first) and install that tarball; in a development checkout, `npm run build`.',
  },
  // Triggers and the service (230-259)
  'OPR-231': {
    title: 'The workflow cannot be activated',
    help: "Activating a workflow makes its triggers listen, unattended; one with validation problems would fail every run it started, so it is refused with the problems listed (the editor's Problems list has the same). A workflow without a trigger other than the manual one has nothing to listen for. Fix them and activate it again.",
    invalidInput: true,
  },
  // Trigger sources: schedules and file watches (240-244)
  'OPR-240': {
    title: 'The schedule cannot fire',
    help: "An active workflow's Schedule trigger has a cron expression or time zone that cannot be read (the message names it), so it does not fire; the workflow's other triggers still listen. Fix the trigger's settings (the editor shows the next fire times as you type) and save: an active workflow listens again on save.",
  },
  'OPR-241': {
    title: 'The watched folder is outside the files folder',
    help: 'A File watch trigger watches a folder inside the workspace\'s files folder only: its folder is an absolute path, has "..", or is a link that leads elsewhere. It is not watched; the workflow\'s other triggers still listen. Name a folder inside the files folder ("inbox"), or move the files there.',
  },
  'OPR-242': {
    title: 'The folder cannot be watched',
    help: "A File watch trigger's folder could not be created or watched (permissions, too many watched files for the system: on Linux raise fs.inotify.max_user_watches). The message gives the system's reason. The workflow's other triggers still listen; fix the cause and activate the workflow again.",
  },
  'OPR-243': {
    title: 'A watched file could not be read',
    help: 'A File watch trigger saw a file it could not read to hash (permissions, a file locked by another program). It was not passed on; it is tried again when it changes, or when Operon starts again.',
  },
  'OPR-244': {
    title: "A trigger's memory could not be kept",
    help: "The file where a trigger source remembers its last schedule tick (service/schedule-state.json) or the files it passed on (service/seen/) could not be read or written. An unreadable one is started afresh: the schedule then counts no tick as missed while Operon was down, and files already passed on may be passed again. Check the workspace folder's permissions and free disk space.",
  },
  // Webhooks on the serving host (245-249)
  'OPR-245': {
    title: 'No such webhook',
    help: "A request to `/hooks/<workspace>/<workflow>/<path>` named no webhook of an active workflow (404), or used a method the webhook does not take (405, the `Allow` header lists the right one). No run started. Check the URL the editor shows on the Webhook trigger (it is copied exactly), that the workflow is active, and the trigger's method.",
  },
  'OPR-246': {
    title: 'Webhook request not authenticated',
    help: "The request did not prove it knows the webhook's secret (401): with auth `token`, the `X-Operon-Token` header (or `Authorization: Bearer`) is missing or wrong; with `hmac`, `X-Operon-Signature` is not `sha256=` and the hex HMAC-SHA256 of `<timestamp>.<raw body>`, the `X-Operon-Timestamp` is more than 300 seconds from the server's clock (stale), or the same signature was already used (a replay: sign each request with a fresh timestamp). No run started.",
  },
  'OPR-247': {
    title: 'Webhook body refused',
    help: "The request's body was not taken and no run started: larger than the trigger's `maxBodyBytes` (413, reading stopped there), a content type other than JSON, `application/x-www-form-urlencoded`, `text/*` or `application/octet-stream` (415), or JSON that does not parse or nests deeper than 128 levels (400, the message names the position or the path).",
  },
  'OPR-248': {
    title: 'Webhook not configured',
    help: 'The webhook cannot answer as set up: the secret its trigger names is not set on the serving host (503: set `OPERON_SECRET_<NAME>` where `operon serve` runs, then call again; the caller is told only that the hook is not configured), two Webhook triggers of one workflow share a method and path (the second does not listen), or a run answered with `whenDone` finished without the Output its `responseOutput` names (500).',
  },
  'OPR-249': {
    title: 'Webhook not taken now',
    help: "The webhook is set up right but no run started for this request: the workflow's queue is full or its overlap policy skipped it while a run was going on (429, try again later; raise `queueLimit` or `maxParallelRuns` in the workflow's settings if it happens often), or the server is stopping (503).",
  },
  'OPR-230': {
    title: 'No such trigger node',
    help: 'A run was started from a trigger node the workflow does not have (or a node that is not a trigger): the workflow was changed since the trigger was set up, or a call named the wrong node. Nothing ran. Activate the workflow again, or start it from one of its trigger nodes.',
  },
  // The secrets store (250-254)
  'OPR-250': {
    title: 'Not a secrets key',
    help: '`OPERON_SECRET_KEY` (or `OPERON_SECRET_NEW_KEY`) must be 32 random bytes, written as 64 hex digits or in base64: `openssl rand -hex 32` makes one. Keep it where the service reads its environment (a systemd credential, say), never in a workflow.',
    invalidInput: true,
  },
  'OPR-251': {
    title: 'The secrets key file cannot be used',
    help: 'The key that seals stored secrets is kept in `secret.key` in the data folder, readable by its owner only. Operon refuses one that others may read (run `chmod 600` on it, as the message says), that is not a file, or that is damaged (restore it from the backup you made with the data folder: without it the stored secrets cannot be opened).',
    invalidInput: true,
  },
  'OPR-252': {
    title: 'Invalid secret',
    help: 'Secret names use letters, digits and `_` and start with a letter (at most 64; `$secret()` ignores case); `KEY` and `NEW_KEY` are taken by the secrets key itself. A value is 1 byte to 64 KiB.',
    invalidInput: true,
  },
  'OPR-253': {
    title: 'A stored secret cannot be opened',
    help: "A workspace's `secrets.json` holds values sealed (AES-256-GCM) with a key this Operon does not have, or the file was changed or copied from another workspace (each value is bound to its workspace and name). Set the key the secrets were stored with (`OPERON_SECRET_KEY`, or restore `secret.key`), or store the secrets again with `operon secrets set`. Operon never overwrites the file on its own.",
  },
  'OPR-254': {
    title: 'The new secrets key is missing',
    help: 'With the key in `OPERON_SECRET_KEY`, `operon secrets rotate-key` seals every stored secret with the key in `OPERON_SECRET_NEW_KEY`. Set that, run it, then move the new key to `OPERON_SECRET_KEY` and unset the other (while both are set, both open values, so the service keeps working throughout).',
    invalidInput: true,
  },
  // Users, roles and tokens (256-259)
  'OPR-256': {
    title: 'Not allowed in this workspace',
    help: "The user this connection acts as (its API token's user) has no role in the workspace the call names, or a role that does not allow it: viewers read; approvers read and decide approvals; operators read, run, cancel, resume and activate; editors also change workflows; owners do everything, members, tokens, secrets and policies included. The server decides, whatever the editor shows. An owner changes roles with `operon users add NAME --role ROLE --workspace ID`.",
  },
  'OPR-257': {
    title: 'Invalid user or token',
    help: 'User names use lower-case letters, digits, ".", "_" and "-" (at most 64); a token is made for a user that exists (`operon users add NAME --role ROLE`). Users, roles and hashed tokens are kept in `access.json` in the data folder, owner-only; a damaged one is left as it is for you to restore.',
    invalidInput: true,
  },
  // The audit trail (255)
  'OPR-255': {
    title: 'Invalid audit export options',
    help: '`operon audit export` takes `--format jsonl` or `--format csv`, and `--since` / `--until` as ISO 8601 dates or times (`2026-12-01`, `2026-12-01T09:00Z`); a date alone as `--until` means the end of that day (UTC).',
    invalidInput: true,
  },
  'OPR-232': {
    title: 'The activation file is damaged',
    help: "A workspace's `service/activation.json` (which workflows are active) could not be read or does not have the expected shape. Operon never overwrites it silently: its triggers stay off until you repair the file or remove it (every workflow is then inactive; activate them again).",
  },
  'OPR-233': {
    title: 'The trigger queue is damaged',
    help: "A workspace's `service/queue.json` (firings waiting for a free place) could not be read or does not have the expected shape. Operon leaves it as it is and starts none of its firings: repair it, or remove it to drop them.",
  },
  'OPR-234': {
    title: 'Workflow finished chain too long',
    help: 'Workflows started one another through Workflow finished triggers more times in a row than Operon allows (8): probably a loop (A follows B, B follows A). The firing was refused and logged; change the triggers so the chain ends.',
  },
  'OPR-235': {
    title: 'The trigger queue is full',
    help: "A trigger fired while the workflow's queue already held its queue limit of firings (overlap queue, or parallel at its limit). This firing started no run and is logged as refused. Raise the workflow's queue limit or max parallel runs, or make its runs quicker.",
  },
  'OPR-236': {
    title: 'The error workflow cannot start',
    help: "A run failed and its workflow's settings name an error workflow that does not exist or has no Error trigger. The firing log says which. Choose another error workflow in the workflow's settings, or add an Error trigger to it.",
  },
  'OPR-237': {
    title: 'The trigger was not taken',
    help: 'A trigger fired for a workflow that is not active (it was deactivated since), or while Operon was stopping. No run started; the firing log keeps the line. Activate the workflow, or fire again once Operon runs.',
  },
  'OPR-238': {
    title: 'No trigger service here',
    help: 'The triggers calls need the trigger service, which `operon serve` runs (the desktop app does not yet: one data folder must have one service, or every trigger would fire twice). This Operon was started without it.',
  },
  // Members, tokens, secrets and audit through the API (290-299)
  'OPR-290': {
    title: 'The last owner of a workspace',
    help: 'A workspace keeps at least one named owner: the only owner cannot be removed or given another role. Make another member an owner first (members panel, or `operon users add NAME --role owner`), then change or remove this one.',
  },
  'OPR-291': {
    title: 'Not a member of this workspace',
    help: "The user or token named is not one of this workspace's members (a user with a role here, or a token of such a user). An owner manages only the members and tokens of their own workspace: add the user here first.",
  },
  'OPR-292': {
    title: 'No such secret',
    help: "The workspace's vault holds no secret of that name (names ignore case). `operon secrets list` or the members panel's Secrets list shows the names stored.",
  },
  // Queue mode: operon serve --queue and operon worker on BullMQ and Redis (300-319)
  'OPR-300': {
    title: 'Not a Redis URL',
    help: '`--queue` (or `OPERON_QUEUE_URL`) takes the Redis that queue mode runs on, as `redis://host:port` (`redis://user:password@host:port/db`, or `rediss://` for TLS). See docs/scaling.md.',
    invalidInput: true,
  },
  'OPR-301': {
    title: 'A queued job could not be read',
    help: "A worker took a job whose data is not a run job of this version of Operon (another program writes to the queue, or the serving host and the workers run different versions). The job fails and is kept in the queue's failed list (`operon queue status`); run the same Operon version everywhere.",
  },
  'OPR-302': {
    title: 'Invalid worker options',
    help: '`operon worker` takes `--concurrency` and `--workspace-concurrency` as whole numbers from 1, and `--health-port` as a port number (0 for any free one).',
    invalidInput: true,
  },
  // Actors and approvals (270-279)
  'OPR-270': {
    title: 'Acting as someone else',
    help: "A call over `operon serve` named another person in `by` than the user its API token belongs to. The server records who acted from the token, never from the client: leave `by` out (or send your own user name). The one-person local setup (the server's own token, the desktop app, the CLI) may name who acts.",
    invalidInput: true,
  },
  'OPR-271': {
    title: 'This approval needs a higher role',
    help: "The Approval node (or the agent's tool approvals) says which role may decide it (Required role). Your role in the workspace is below it: owner is above approver. Ask someone with that role to decide, or an owner to change the node's setting or your role (`operon users add NAME --role ROLE --workspace ID`).",
  },
  'OPR-272': {
    title: 'Four-eyes: the person who started the run may not approve it',
    help: "The Approval node (or the agent's tool approvals) has Four-eyes on: someone other than the person who started the run must decide. Ask another approver. On the CLI the decider is `OPERON_USER` (or your OS user), which must differ from the run's starter.",
  },
  // The desktop app's secrets key, kept with the OS keychain (280-281)
  'OPR-280': {
    title: 'The secrets key is kept by the desktop app',
    help: "The desktop app keeps this data folder's secrets key encrypted with the OS keychain (Electron's safeStorage), in `secret.key.wrapped`: a process without the keychain (the CLI, `operon serve`) cannot open it, and making a second, plain key would leave the stored secrets unopenable. Manage secrets in the desktop app, or run the CLI with the key in `OPERON_SECRET_KEY`.",
    invalidInput: true,
  },
  'OPR-281': {
    title: 'The desktop secrets key cannot be opened',
    help: "`secret.key.wrapped` holds the secrets key encrypted by the OS keychain of the user and machine that made it. This one did not open it (the data folder was copied from another account or machine, the keychain was reset, or the file was changed), so the stored secrets cannot be read. Operon leaves the file as it is: restore the data folder on the account that made it, or remove the file and the workspaces' `secrets.json` and store the secrets again.",
  },
  // Tenant policies (260-269)
  'OPR-260': {
    title: 'The workspace policy is invalid',
    help: "A workspace's `policy.json` is not valid JSON or a field does not have the expected shape (the message names the file and the field), or a policy given to `operon policy set` or `policy.set` is. Nothing runs in the workspace until the file is repaired: Operon never replaces it on its own. docs/policies.md describes every field.",
    invalidInput: true,
  },
  'OPR-261': {
    title: 'Node type not allowed by the workspace policy',
    help: "The workspace's policy lists the node types its workflows may use (`nodeTypes`), and this node's type is not one of them. The editor and `operon validate` show it, activation refuses the workflow, and a run of it does not start. Use an allowed type, or ask an owner to add the type to the policy.",
    invalidInput: true,
  },
  'OPR-262': {
    title: 'Model provider not allowed by the workspace policy',
    help: "The workspace's policy lists the model providers its workflows may call (`models.providers`), and this LLM or Agent node names another. Pick an allowed provider, or ask an owner to add it to the policy.",
    invalidInput: true,
  },
  'OPR-263': {
    title: 'Agent tool not allowed by the workspace policy',
    help: "The workspace's policy lists the Agent tools its workflows may use, by kind (`http`, `read-file`, `workflow`, `memory-search`) or by name (`agentTools`), and this tool is neither. Remove the tool, or ask an owner to allow it.",
    invalidInput: true,
  },
  'OPR-264': {
    title: 'HTTP request refused by the workspace policy',
    help: "The request's host is not in the policy's `http.allowedHosts`, or it resolves to a private, loopback or link-local address (10/8, 172.16/12, 192.168/16, 127/8, 169.254/16, 0.0.0.0, ::1, fc00::/7, fe80::/10, IPv4-mapped IPv6 among them), which a policy refuses unless `http.allowPrivateNetworks` is true or the host is listed by its exact name in `http.allowedHosts`. The address is checked after the name is resolved, on every redirect too, and the connection goes to the address checked. Not retried.",
  },
  'OPR-265': {
    title: "The workspace's daily budget is spent",
    help: "The workspace's policy caps model spend per UTC day (`budgets.perDay`: tokens, USD), counted over every run in `spend.jsonl`. The model call was not sent and the run stopped. Wait for the next day (UTC), or ask an owner to raise the budget.",
  },
  'OPR-266': {
    title: 'Webhook origin not allowed',
    help: "The request carried an `Origin` header that the workspace's policy does not list in `webhooks.allowedOrigins` (scheme, host and port, e.g. `https://app.example.com`). Requests without an Origin header (servers, curl) are not affected. Ask an owner to add the origin.",
  },
  'OPR-267': {
    title: 'Runs could not be pruned',
    help: "`operon runs prune` removes runs older than the policy's `retention.runDays` and the oldest beyond `retention.maxTotalMb`, never a running or waiting run. It needs a workspace policy with a retention rule; the message says what is missing.",
    invalidInput: true,
  },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** Whether an error with this code is bad input or configuration found before anything ran (see `invalidInput`). */
export function isInvalidInputCode(code: ErrorCode): boolean {
  const entry: CatalogueEntry = ERROR_CATALOGUE[code];
  return entry.invalidInput === true;
}
