// Stable `data-testid` values for end-to-end tests. Change a name here and the Playwright tests must follow.
// React Flow also marks each canvas node with `data-id="<node id>"` (and `.react-flow__node`).

export const TEST_IDS = {
  /** Top bar. */
  newWorkflow: 'new-workflow',
  saveButton: 'save-button',
  /** Shown while the open workflow has unsaved edits. */
  dirtyMarker: 'dirty-marker',
  runButton: 'run-button',
  undoButton: 'undo-button',
  redoButton: 'redo-button',
  exportButton: 'export-button',
  /** Arranges the nodes left to right (one undo step). */
  layoutButton: 'layout-button',
  /** Opens the Save as dialog: its name field and its Save button. */
  saveAsButton: 'save-as-button',
  saveAsDialog: 'save-as-dialog',
  saveAsName: 'save-as-name',
  saveAsConfirm: 'save-as-confirm',
  /** The hidden `<input type="file">` behind the Import button. */
  importInput: 'import-input',
  themeToggle: 'theme-toggle',
  /**
   * The desktop app's Model keys dialog (none in a browser): the stored keys (`provider-key-item`, `data-name`, each
   * with its Remove button), the name and key fields and Save, and the reason shown when keys cannot be stored here.
   */
  providerKeysButton: 'provider-keys-button',
  providerKeysDialog: 'provider-keys-dialog',
  providerKeyItem: 'provider-key-item',
  providerKeyRemove: 'provider-key-remove',
  providerKeyName: 'provider-key-name',
  providerKeyValue: 'provider-key-value',
  providerKeySave: 'provider-key-save',
  providerKeysUnavailable: 'provider-keys-unavailable',
  providerKeysError: 'provider-keys-error',
  helpButton: 'help-button',
  helpSheet: 'help-sheet',
  workflowName: 'workflow-name',
  /** Left side. */
  workflowList: 'workflow-list',
  paletteSearch: 'palette-search',
  /** Bottom panels. */
  problemsList: 'problems-list',
  problemItem: 'problem-item',
  runPanel: 'run-panel',
  runInputs: 'run-inputs',
  /** The watched run's status: idle, running, waiting, succeeded, failed, cancelled, or interrupted (its process went away). */
  runStatus: 'run-status',
  /** Continues the watched run when it was interrupted. */
  runContinueInterrupted: 'run-continue-interrupted',
  runOutputs: 'run-outputs',
  approvalItem: 'approval-item',
  approveButton: 'approve-button',
  rejectButton: 'reject-button',
  /** Right side. */
  inspector: 'inspector',
  inspectorLabel: 'inspector-label',
  inspectorNotes: 'inspector-notes',
  /** The last message (refused connection, failed save…). */
  toast: 'toast',
  /** The desktop app's engine stopped and was restarted: the notice, its Open History and Dismiss buttons. */
  engineRestart: 'engine-restart',
  engineRestartHistory: 'engine-restart-history',
  engineRestartDismiss: 'engine-restart-dismiss',
} as const;

/** `workflow-list-item-<workflow id>`. */
export const workflowListItemId = (id: string) => `workflow-list-item-${id}`;
/** `palette-item-<node type>`, e.g. `palette-item-core.transform`. */
export const paletteItemId = (type: string) => `palette-item-${type}`;
/** `rf-node-<node id>`: the custom node's root element. */
export const rfNodeId = (id: string) => `rf-node-${id}`;
/** `node-status-<node id>`: the node's run status dot (text, for tests and screen readers: queued, running, succeeded, rejected…; absent when pending). */
export const nodeStatusId = (id: string) => `node-status-${id}`;
/** `node-title-<node id>`: the node's label on the canvas (never cut short by its status). */
export const nodeTitleId = (id: string) => `node-title-${id}`;
/** `node-problems-<node id>`: the problem badge on a node with validation problems (focusable; its tooltip describes it). */
export const nodeProblemBadgeId = (id: string) => `node-problems-${id}`;
/** `node-problems-tip-<node id>`: the badge's tooltip, one item a problem, shown on hover or focus of the badge. */
export const nodeProblemTipId = (id: string) => `node-problems-tip-${id}`;
/** `node-summary-<node id>`: the node's key settings on the canvas (model, prompt, routes, URL…). */
export const nodeSummaryId = (id: string) => `node-summary-${id}`;
/** `node-run-<node id>`: the node's status and duration in the run on the canvas. */
export const nodeRunLineId = (id: string) => `node-run-${id}`;
/** `inspector-field-<config path joined by ".">`, e.g. `inspector-field-expression`: the field's input element. */
export const inspectorFieldId = (path: readonly (string | number)[]) => `inspector-field-${path.join('.')}`;
/**
 * Structured fields (lists, key-value tables, the schema builder, the node picker, the value editor): a part of the
 * field or value with test id X is `X.<key or index>`, its controls `X.<i>-up|down|remove|key|value|name|type|required`,
 * a list's add button `X-add` (see each editor's doc comment). Every JSON textarea is marked `data-json-textarea`.
 */
/** `<testId>-json-toggle`: the "Edit as JSON" switch of a field whose JSON text is `testId` (its form: `<testId>-form` for values). */
export const jsonToggleId = (testId: string) => `${testId}-json-toggle`;
/** `tab-<id>`: a dock tab (node, trace; run, timeline, history, compare, inbox). */
export const dockTabId = (id: string) => `tab-${id}`;

/** The run debugger's controls: debug runs, pauses, partial runs, pins, breakpoints and the approvals inbox. */
export const DEBUG_IDS = {
  /** Run panel: start a debug run (pauses at breakpoints; with none, before the first node). */
  debugButton: 'debug-button',
  cancelButton: 'cancel-run-button',
  /** Shown while a debug run is paused: the held node's id, why, its inputs (editable JSON), Step and Continue. */
  debugBar: 'debug-bar',
  pausedNode: 'paused-node',
  pauseReason: 'pause-reason',
  heldInputs: 'held-inputs',
  stepButton: 'step-button',
  continueButton: 'continue-button',
  /** What a run from / to a node reused from the past run and what it re-ran anyway (with reasons). */
  partialRun: 'partial-run',
  reusedNodes: 'reused-nodes',
  rerunNodes: 'rerun-nodes',
  /** The inspector's debugging section of the selected node. */
  nodeDebug: 'node-debug',
  breakpointToggle: 'breakpoint-toggle',
  runToHere: 'run-to-here',
  runFromHere: 'run-from-here',
  /** Which past run a run from here reuses (default: the run on the canvas, else the latest). */
  pastRunSelect: 'past-run-select',
  pinFromRun: 'pin-from-run',
  pinJson: 'pin-json',
  pinTyped: 'pin-typed',
  unpin: 'unpin',
  pinnedOutputs: 'pinned-outputs',
  /** The approvals inbox: every run of the workspace waiting for a person. */
  inboxPanel: 'inbox-panel',
  inboxCount: 'inbox-count',
  inboxRefresh: 'inbox-refresh',
  inboxEmpty: 'inbox-empty',
  inboxItem: 'inbox-item',
  inboxData: 'inbox-data',
  inboxComment: 'inbox-comment',
  inboxApprove: 'inbox-approve',
  inboxEdit: 'inbox-edit',
  inboxValue: 'inbox-value',
  inboxReject: 'inbox-reject',
} as const;

/** `breakpoint-<node id>`: the breakpoint marker on a canvas node (absent without a breakpoint). */
export const breakpointMarkerId = (id: string) => `breakpoint-${id}`;
/** `pin-<node id>`: the pinned-output marker on a canvas node (absent when not pinned). */
export const pinMarkerId = (id: string) => `pin-${id}`;
/** `inbox-item-<run id>-<node id>`: one pending approval in the inbox. */
export const inboxItemId = (runId: string, nodeId: string) => `inbox-item-${runId}-${nodeId}`;

/** The run viewer: a node's trace, the run's timeline, run history and comparing two runs. */
export const VIEWER_IDS = {
  /** Trace tab (right side): the selected node in the run on the canvas. */
  tracePanel: 'trace-panel',
  /** The node's status in that run. */
  traceStatus: 'trace-status',
  /** Its resolved inputs and its outputs: one `port-value-<port>` each. */
  traceInputs: 'trace-inputs',
  traceOutputs: 'trace-outputs',
  /** One per attempt (`data-attempt`, `data-outcome`). */
  traceAttempt: 'trace-attempt',
  traceLlmCall: 'trace-llm-call',
  traceToolCall: 'trace-tool-call',
  traceMemoryOp: 'trace-memory-op',
  traceApproval: 'trace-approval',
  /** Switches between the trace and its raw JSON events. */
  traceRawToggle: 'trace-raw-toggle',
  traceRaw: 'trace-raw',
  /** Loads the next page of a node's events (a node with very many). */
  traceLoadMore: 'trace-load-more',
  /** A value: its text, "Show all" when truncated, and copying it. */
  valueText: 'value-text',
  valueShowAll: 'value-show-all',
  valueCopy: 'value-copy',
  /** A large value stored apart (a value ref): its size, then fetched page by page or whole. */
  valueRef: 'value-ref',
  valueRefShow: 'value-ref-show',
  valueRefMore: 'value-ref-more',
  valueRefAll: 'value-ref-all',
  /** Which past run the canvas shows, and the notice that it ran an earlier version of the workflow. */
  shownRun: 'shown-run',
  runOutdated: 'run-outdated',
  /** Timeline tab: the scrolling rows, and each bar (`data-kind`, `data-attempt`, `data-from`/`data-to` in ms from the start). */
  timelinePanel: 'timeline-panel',
  timelineScroller: 'timeline-scroller',
  timelineBar: 'timeline-bar',
  /** History tab: this workflow's or the workspace's runs, the date bounds, more rows, comparing two picked runs. */
  historyPanel: 'history-panel',
  historyScopeWorkflow: 'history-scope-workflow',
  historyScopeWorkspace: 'history-scope-workspace',
  historySince: 'history-since',
  historyUntil: 'history-until',
  historyList: 'history-list',
  historyMore: 'history-more',
  historyCompare: 'history-compare',
  /** Compare tab: the two runs, the only-differences filter, and the selected node's values from both runs. */
  comparePanel: 'compare-panel',
  compareRunA: 'compare-run-a',
  compareRunB: 'compare-run-b',
  compareOnlyChanged: 'compare-only-changed',
  compareSummary: 'compare-summary',
  compareDetail: 'compare-detail',
  compareSideA: 'compare-side-a',
  compareSideB: 'compare-side-b',
} as const;

/** `port-value-<port>`: one port's value in a trace or comparison (inside its inputs or outputs). */
export const portValueId = (port: string) => `port-value-${port}`;
/** `timeline-row-<node id>` (`data-status`). */
export const timelineRowId = (nodeId: string) => `timeline-row-${nodeId}`;
/** `history-row-<run id>` (`data-status`): click to open the run on the canvas. */
export const historyRowId = (runId: string) => `history-row-${runId}`;
/** `history-continue-<run id>`: continues an interrupted run from its log. */
export const historyContinueId = (runId: string) => `history-continue-${runId}`;
/** The person who started a run, beside its trigger badge in History. */
export const historyStarterId = (runId: string) => `history-starter-${runId}`;
/** `history-status-<status>`: the status filter's checkbox. */
export const historyStatusId = (status: string) => `history-status-${status}`;
/** `history-pick-<run id>`: picks the run for comparing. */
export const historyPickId = (runId: string) => `history-pick-${runId}`;
/** `compare-row-<node id>` (`data-differs`, `data-inputs`, `data-outputs`): click to see both runs' values. */
export const compareRowId = (nodeId: string) => `compare-row-${nodeId}`;
/**
 * The Compare tab, per port of the selected node: where its values differ (`compare-diff-<inputs|outputs>-<port>`,
 * `data-same`), one `compare-diff-entry` per path (`data-path`, `data-kind`) and `compare-diff-more` past the limit.
 * In both values, each top-level key is a `compare-key` (`data-key`, `data-differs`). Run A's and B's head and value
 * cells are `compare-side-a` and `compare-side-b` (then `trace-inputs` or `trace-outputs`, then `port-value-<port>`).
 */
export const COMPARE_IDS = {
  diffEntry: 'compare-diff-entry',
  diffMore: 'compare-diff-more',
  key: 'compare-key',
} as const;
export const compareDiffId = (which: 'inputs' | 'outputs', port: string) => `compare-diff-${which}-${port}`;
/** `compare-value-<a|b>-<inputs|outputs>-<port>`: one run's value of a port in the Compare tab's side-by-side view. */
export const compareValueId = (side: 'a' | 'b', which: 'inputs' | 'outputs', port: string) => `compare-value-${side}-${which}-${port}`;

/** The workflow list's search, row menus, rename and delete, and the start page's examples gallery. */
export const LIBRARY_IDS = {
  workflowSearch: 'workflow-search',
  /** Shown when the search matches no workflow. */
  workflowSearchEmpty: 'workflow-search-empty',
  menuRename: 'workflow-menu-rename',
  menuDuplicate: 'workflow-menu-duplicate',
  menuExport: 'workflow-menu-export',
  menuDelete: 'workflow-menu-delete',
  renameInput: 'workflow-rename-input',
  deleteDialog: 'delete-workflow-dialog',
  deleteConfirm: 'delete-workflow-confirm',
  startPage: 'start-page',
  examplesGallery: 'examples-gallery',
} as const;
/** `workflow-menu-<workflow id>`: the button opening a workflow's menu in the list. */
export const workflowMenuId = (id: string) => `workflow-menu-${id}`;
/** `example-<example id>`: an example's "Open a copy" button in the gallery. */
export const exampleOpenId = (id: string) => `example-${id}`;

/** Canvas ergonomics: the node picker (after a wire dropped on the canvas, "+" on an output), context menus, sticky notes. */
export const CANVAS_IDS = {
  /** The node picker: its search box, "nothing fits" text, and one `node-picker-item-<type>` per node type. */
  nodePicker: 'node-picker',
  nodePickerSearch: 'node-picker-search',
  nodePickerEmpty: 'node-picker-empty',
  /** The right-click menu (node, edge, canvas or sticky note), its items `menu-item-<action>`. */
  contextMenu: 'context-menu',
  /** The rename dialog a node's menu opens. */
  renameDialog: 'rename-dialog',
  renameInput: 'rename-input',
  renameConfirm: 'rename-confirm',
} as const;

/** `node-picker-item-<node type>`: one choice in the node picker. */
export const nodePickerItemId = (type: string) => `node-picker-item-${type}`;
/** `menu-item-<action>`: rename, duplicate, disable, delete, breakpoint, run-from-here, pin, add-node, add-sticky, fit-view… */
export const menuItemId = (action: string) => `menu-item-${action}`;
/** `port-plus-<node id>-<port>`: the "+" beside an output port that opens the node picker. */
export const portPlusId = (nodeId: string, port: string) => `port-plus-${nodeId}-${port}`;
/** `sticky-note-<id>`: a sticky note on the canvas; `-text` its text box, `-delete` its delete button. */
export const stickyNoteId = (id: string) => `sticky-note-${id}`;
export const stickyNoteTextId = (id: string) => `sticky-note-${id}-text`;
export const stickyNoteDeleteId = (id: string) => `sticky-note-${id}-delete`;
/** `sticky-note-<id>-colour-<colour>`: a colour swatch of a selected sticky note. */
export const stickyNoteColourId = (id: string, colour: string) => `sticky-note-${id}-colour-${colour}`;

/** Expression and template fields in the inspector: the completion list (one open at a time) and each field's preview and problems. */
export const EXPRESSION_IDS = {
  /** The open completion list (role listbox). */
  completions: 'expression-completions',
  /** Each option of the open list (role option; aria-selected on the active one). */
  completion: 'expression-completion',
} as const;
/** `expression-preview-<config path>`: the live preview under an expression or template field. */
export const expressionPreviewId = (path: readonly (string | number)[]) => `expression-preview-${path.join('.')}`;
/** `expression-problems-<config path>`: the design-time problems of an expression or template field. */
export const expressionProblemsId = (path: readonly (string | number)[]) => `expression-problems-${path.join('.')}`;

/**
 * Node settings, the workflow panel and the Run form. In the inspector: the node's Settings section
 * (`node-setting-<key>`: timeoutMs, retries, retryDelayMs, onError, cache, disabled; the fallback value's kind and value);
 * with nothing selected, the workflow panel (name, description, the inputs builder, `workflow-setting-<path>`). On the
 * canvas: `node-mark-<node id>-<kind>` where a node's setting differs from the default. In the Run panel: the form built
 * from the inputs schema (`run-input-<name>`) and its Edit as JSON toggle (the JSON box is `run-inputs`).
 */
export const SETTINGS_IDS = {
  nodeSettings: 'node-settings',
  fallbackKind: 'node-setting-fallback-kind',
  fallbackValue: 'node-setting-fallback-value',
  workflowPanel: 'workflow-panel',
  workflowPanelName: 'workflow-panel-name',
  workflowDescription: 'workflow-description',
  inputsBuilder: 'inputs-builder',
  inputAdd: 'input-add',
  inputsUnsupported: 'inputs-unsupported',
  runInputsForm: 'run-inputs-form',
  runInputsJsonToggle: 'run-inputs-json-toggle',
} as const;
/** `node-setting-<key>`: a node setting's control in the inspector. */
export const nodeSettingId = (key: string) => `node-setting-${key}`;
/** `node-mark-<node id>-<kind>` (retries, timeout, onError, cache, disabled): a setting's mark on a canvas node. */
export const nodeMarkId = (nodeId: string, kind: string) => `node-mark-${nodeId}-${kind}`;
/** `workflow-setting-<path joined by ".">`, e.g. `workflow-setting-budgets.maxCostUsd`. */
export const workflowSettingId = (path: readonly string[]) => `workflow-setting-${path.join('.')}`;
/** `input-row-<index>-<part>` (name, type, description, default, required, choices, up, down, remove): one row of the inputs builder. */
export const inputRowId = (index: number, part: string) => `${inputRowPrefix(index)}-${part}`;
/** `input-row-<index>`: what a row's parts' ids start with (the row buttons add `-up`, `-down`, `-remove`). */
export const inputRowPrefix = (index: number) => `input-row-${index}`;
/** `run-input-<name>`: a declared input's field in the Run form. */
export const runInputId = (name: string) => `run-input-${name}`;

/** Room: the resizable docks, the large node-detail view, the run panel's totals and its bounded values. */
export const ROOM_IDS = {
  /** The bottom dock's problems count, shown on its tab strip while the dock is collapsed (expands it). */
  bottomProblems: 'bottom-problems',
  /** The node-detail dialog (inputs | config | outputs), its three columns and its close button. */
  nodeDetail: 'node-detail',
  nodeDetailInputs: 'node-detail-inputs',
  nodeDetailConfig: 'node-detail-config',
  nodeDetailOutputs: 'node-detail-outputs',
  nodeDetailClose: 'node-detail-close',
  /** Opens the node-detail view from the trace, and from Compare's selected node (both runs side by side). */
  traceDetailOpen: 'trace-detail-open',
  compareDetailOpen: 'compare-detail-open',
  /** Tokens and cost of the watched run so far (`data-tokens`, `data-cost-usd`). */
  runTotals: 'run-totals',
  /** A pending approval's value, in a bounded box that scrolls. */
  approvalValue: 'approval-value',
} as const;

/** `dock-<left | right | bottom>`: a dock's resizable panel. */
export const dockPanelId = (dock: string) => `dock-${dock}`;
/** `dock-separator-<left | right | bottom>`: the separator that resizes that dock (drag, or arrow keys when focused). */
export const dockSeparatorId = (dock: string) => `dock-separator-${dock}`;
/** `dock-toggle-<left | right | bottom>`: the dock's collapse / expand button (`aria-expanded`). */
export const dockToggleId = (dock: string) => `dock-toggle-${dock}`;
/** `compare-open-<node id>`: a Compare row's button that opens that node's detail view in both runs. */
export const compareRowOpenId = (nodeId: string) => `compare-open-${nodeId}`;

/** Triggers (issue 13): activation, the trigger nodes' form parts, the firing log, what started a run. */
export const TRIGGER_IDS = {
  /** The open workflow's Active switch in the top bar (`aria-checked`), and its refusal's problems. */
  topActivation: 'top-activation',
  activationProblems: 'activation-problems',
  /** The cron field's presets select, its next fire times (`cron-time` items) and its problem in words. */
  cronPresets: 'cron-presets',
  cronTimes: 'cron-times',
  cronTime: 'cron-time',
  cronProblem: 'cron-problem',
  /** The time-zone picker's options (`data-zone`). */
  timezoneOption: 'timezone-option',
  /** The Webhook trigger's URL, its copy button, the curl recipe and the secret's hint. */
  webhookUrl: 'webhook-url',
  webhookCopy: 'webhook-copy',
  webhookCurl: 'webhook-curl',
  /** The Firings dock tab's list; each line is `firing-<id>` (`data-outcome`). */
  firingLog: 'firing-log',
  /** A run's trigger kind in History (`data-kind`). */
  runTrigger: 'run-trigger',
} as const;
/** `activation-<workflow id>`: a workflow's Active switch in the workflow list (`aria-checked`). */
export const activationSwitchId = (workflowId: string) => `activation-${workflowId}`;
/** `listening-<workflow id>`: what an active workflow listens for, under its row. */
export const listeningId = (workflowId: string) => `listening-${workflowId}`;
/** `firing-<firing id>`: one line of the firing log. */
export const firingRowId = (id: string) => `firing-${id}`;

/** Issue 14's members and audit: who is signed in, the Members and Audit dialogs. */
export const ACCESS_IDS = {
  /** The top bar's chip: the user's initials, name and role (`data-user`, `data-role`); it opens the account menu. */
  accountChip: 'account-chip',
  /** The Run panel's note that the role may not run (in place of Run and Debug). */
  runNotAllowed: 'run-not-allowed',
  accountMenu: 'account-menu',
  openMembers: 'open-members',
  openAudit: 'open-audit',
  membersDialog: 'members-dialog',
  /** The member rows (`data-user`), each with a role picker and Remove. */
  memberRow: 'member-row',
  memberRole: 'member-role',
  memberRemove: 'member-remove',
  memberRemoveConfirm: 'member-remove-confirm',
  addMemberName: 'add-member-name',
  addMemberRole: 'add-member-role',
  addMember: 'add-member',
  /** Tokens: the rows (`data-id`), New token's user picker and label, the token shown once and its copy button. */
  tokenRow: 'token-row',
  tokenRevoke: 'token-revoke',
  tokenUser: 'token-user',
  tokenLabel: 'token-label',
  tokenCreate: 'token-create',
  newTokenText: 'new-token-text',
  newTokenDone: 'new-token-done',
  /** Secrets: the rows (`data-name`), the set form (name, password field, save) and delete. */
  secretRow: 'secret-row',
  secretName: 'secret-name',
  secretValue: 'secret-value',
  secretSave: 'secret-save',
  secretDelete: 'secret-delete',
  membersError: 'members-error',
  auditDialog: 'audit-dialog',
  /** The audit table's rows (`data-action`), the filters, Verify chain and its verdict (`data-ok`), the exports. */
  auditRow: 'audit-row',
  auditAction: 'audit-action-filter',
  auditFrom: 'audit-from',
  auditTo: 'audit-to',
  auditVerify: 'audit-verify',
  auditVerdict: 'audit-verdict',
  auditExportCsv: 'audit-export-csv',
  auditExportJsonl: 'audit-export-jsonl',
} as const;
