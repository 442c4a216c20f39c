import type { Connection, EdgeChange, NodeChange, XYPosition } from '@xyflow/react';
import type { EngineEvent, NodeStatus, ReuseSource, RunStatus } from '../../../src-shared/engine/events.ts';
import type { ErrorInfo, Problem } from '../../../src-shared/errors/operon-error.ts';
import type { NodeSettings, Workflow } from '../../../src-shared/workflow/schema.ts';
import type { ConnectResult } from '../connection-rules.ts';
import type { EditorEdge, EditorNode, WorkflowMeta } from '../graph-conversion.ts';
import type { CanvasEditActions } from './canvas-edit-actions.ts';

export interface GraphSlice {
  meta: WorkflowMeta;
  /** In file order; React Flow renders them as they are (controlled). */
  nodes: EditorNode[];
  edges: EditorEdge[];
}

export interface SelectionSlice {
  nodeIds: readonly string[];
  edgeIds: readonly string[];
}

export interface NodeRunState {
  status: NodeStatus;
  attempt?: number;
  error?: ErrorInfo;
  durationMs?: number;
  /** Why a skipped node did not run. */
  reason?: string;
  /** A reused node's outputs came from a pin or a past run. */
  reusedFrom?: ReuseSource;
  /** Why a debug run holds the node (status paused). */
  pauseReason?: 'breakpoint' | 'step';
  /** A person replaced its inputs while the run was paused. */
  overridden?: boolean;
  /** What a person decided on the node's approval: a rejected Approval shows as rejected, not succeeded. */
  decision?: 'approved' | 'rejected';
  /** The output ports it emitted when it finished: the edges from them are the path the run took. */
  emitted?: readonly string[];
}

export interface RunSlice {
  runId: string | null;
  status: RunStatus | 'idle';
  /** Whether the run is live (its events arrive) or a past run drawn from its log. */
  source: 'live' | 'past';
  /** By node id; a node with no entry has not been reached (pending). */
  nodes: Readonly<Record<string, NodeRunState>>;
  /** The process running it went away (the desktop app's engine restarted): its running nodes stopped part way. */
  interrupted?: boolean;
}

export interface UiSlice {
  /** Whether the graph differs from the last saved revision. */
  dirty: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** Increases with every committed edit; undo and redo go back to earlier revisions. */
  revision: number;
  savedRevision: number;
  /** Problems from validation, each named by node or edge id. */
  problems: readonly Problem[];
  /**
   * False until the workflow was first validated: an opened workflow shows its canvas first and its problems a moment
   * later (`checkProblems`), so until then `problems` is empty without meaning "no problems".
   */
  problemsChecked: boolean;
}

/** What a committed edit reports to `subscribeChanges` (autosave, the API's "document changed"). */
export interface GraphChange {
  revision: number;
  /** The command that made it: 'addNode', 'move', 'undo'… */
  reason: string;
  /** The document at this revision (computed on demand). */
  workflow(): Workflow;
}

export type CommandResult<T = object> = ({ ok: true } & T) | { ok: false; reason: string };

export interface EditorActions extends CanvasEditActions {
  // ---- graph commands (each one undo step) ----
  /** Adds a node of a catalogue type at a position, with the type's default config and a fresh id. */
  addNode: (type: string, position: XYPosition) => CommandResult<{ id: string }>;
  /** Removes nodes (with their edges) and edges. */
  removeElements: (ids: { nodeIds?: readonly string[]; edgeIds?: readonly string[] }) => void;
  /** Removes what is selected. */
  deleteSelection: () => void;
  /** Draws an edge if the connection rules allow it; otherwise returns the reason and changes nothing. */
  connect: (connection: Connection) => ConnectResult;
  /** Sets one config field by path (`['routes', 0, 'name']`); undefined removes it. Typing in one field is one undo step. */
  updateConfig: (nodeId: string, path: readonly (string | number)[], value: unknown) => CommandResult;
  /** Sets a node's label; an empty label removes it. */
  renameNode: (nodeId: string, label: string) => CommandResult;
  /** Sets a node's notes; empty notes remove them. Typing is one undo step. */
  updateNotes: (nodeId: string, notes: string) => CommandResult;
  /** Merges into a node's execution settings; undefined values remove fields. Typing in one setting is one undo step. */
  updateNodeSettings: (nodeId: string, patch: Partial<NodeSettings>) => CommandResult;
  /** Moves nodes to these positions (by node id; e.g. from `layoutGraph`) as one undo step; nothing when none moves. */
  applyLayout: (positions: Readonly<Record<string, XYPosition>>) => void;
  /** Merges into the workflow's name, description, inputs or settings. */
  updateMeta: (patch: Partial<WorkflowMeta>) => void;
  /** Duplicates nodes (default: the selection) and the edges between them, offset, and selects the copies. */
  duplicate: (nodeIds?: readonly string[]) => CommandResult<{ ids: string[] }>;
  /** Copies nodes (default: the selection) and the edges between them to clipboard text. */
  copy: (nodeIds?: readonly string[]) => string | undefined;
  /** Pastes clipboard text with new ids; `at` places the copied group's top-left corner. Selects what was pasted. */
  paste: (text: string, at?: XYPosition) => CommandResult<{ ids: string[] }>;
  // ---- React Flow wiring ----
  /** React Flow's onNodesChange: drags coalesce into one undo step; selection and sizes are not edits. */
  onNodesChange: (changes: NodeChange<EditorNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<EditorEdge>[]) => void;
  /** Selects exactly these elements. */
  select: (selection: { nodeIds?: readonly string[]; edgeIds?: readonly string[] }) => void;
  // ---- history and saving ----
  undo: () => void;
  redo: () => void;
  /** Replaces the document (open, reload from disk): clears history and marks it saved. */
  load: (workflow: Workflow) => void;
  /** Records that `revision` (default: the current one) was saved. */
  markSaved: (revision?: number) => void;
  /** The current document. */
  toWorkflow: () => Workflow;
  /** Listens to committed edits (not to every drag frame). Returns the unsubscribe function. */
  subscribeChanges: (listener: (change: GraphChange) => void) => () => void;
  // ---- run and problems ----
  /** Applies one engine event of the watched run (`run.started` starts watching a run). */
  applyRunEvent: (event: EngineEvent) => void;
  /** Draws a run from its log (a past run, or a live one opened from history): its status and every node's state. */
  showRun: (run: Omit<RunSlice, 'source'> & { source?: RunSlice['source'] }) => void;
  clearRun: () => void;
  /** Sets the problems (from the API's validation); `validate` in the options sets them on every edit. */
  setProblems: (problems: readonly Problem[]) => void;
  /** Validates the graph if it has not been yet (a store made with `checkLater`); nothing once it has. */
  checkProblems: () => void;
}

export interface EditorState {
  graph: GraphSlice;
  selection: SelectionSlice;
  run: RunSlice;
  ui: UiSlice;
  actions: EditorActions;
}
