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
/** `node-status-<node id>`: the node's run status badge (text: queued, running, succeeded…; absent when pending). */
export const nodeStatusId = (id: string) => `node-status-${id}`;
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
