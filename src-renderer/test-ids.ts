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
  /** The watched run's status: idle, running, waiting, succeeded, failed, cancelled. */
  runStatus: 'run-status',
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
