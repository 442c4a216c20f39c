import type { XYPosition } from '@xyflow/react';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Problem } from '../../../src-shared/errors/operon-error.ts';
import type { Workflow } from '../../../src-shared/workflow/schema.ts';
import type { Catalogue, PortsFor } from '../../editor/catalogue.ts';
import { copyNodes, instantiateClipboard, parseClipboard, serializeClipboard, type ClipboardPayload } from '../../editor/clipboard.ts';
import { canConnect } from '../../editor/connection-rules.ts';
import { flowToWorkflow, toEditorEdge, toEditorNode, workflowToFlow } from '../../editor/graph-conversion.ts';
import { freshEdgeId, freshNodeId } from '../../editor/ids.ts';
import type {
  CommandResult,
  EditorActions,
  EditorState,
  GraphChange,
  GraphSlice,
  SelectionSlice,
} from '../../editor/store/editor-state.ts';
import { applyFlowEdgeChanges, applyFlowNodeChanges, type DragState } from '../../editor/store/flow-changes.ts';
import {
  applySelectionFlags,
  moveNodes,
  removeFromGraph,
  notesData,
  renameData,
  updateConfigField,
  updateNodeData,
  updateSettingsData,
} from '../../editor/store/graph-commands.ts';
import { History, type Snapshot } from '../../editor/store/history.ts';
import { applyRunEvent, IDLE_RUN } from '../../editor/store/run-events.ts';
import { createCanvasActions } from './canvas-actions.ts';

export interface EditorStoreOptions {
  workflow: Workflow;
  catalogue: Catalogue;
  /** Ports for a node's config (dynamic ports); in the app, from the shared registry. */
  portsFor: PortsFor;
  /** Runs on every committed edit to fill `ui.problems` (e.g. the shared `validateWorkflow`). */
  validate?: (workflow: Workflow) => readonly Problem[];
  /**
   * Leaves the first validation to `actions.checkProblems()` (or the first edit) instead of running it as the store is
   * made: a 1,000-node workflow's takes a quarter of a second, which the editor spends after the canvas is shown.
   */
  checkLater?: boolean;
  /** Edits of one field within this many ms are one undo step (typing). */
  coalesceMs?: number;
  now?: () => number;
  historyLimit?: number;
}

export type EditorStore = StoreApi<EditorState>;

const NO_SELECTION: SelectionSlice = { nodeIds: [], edgeIds: [] };

/** One store per open workflow (provide it through React context); every graph edit goes through its commands. */
export function createEditorStore(options: EditorStoreOptions): EditorStore {
  const { catalogue, portsFor, validate, checkLater = false } = options;
  const now = options.now ?? Date.now;
  const coalesceMs = options.coalesceMs ?? 1000;
  const history = new History(options.historyLimit);
  const listeners = new Set<(change: GraphChange) => void>();
  let lastRevision = 0;
  let lastCommit: { key: string; at: number; revision: number } | undefined;
  const drag: DragState = { before: undefined };

  const initial = workflowToFlow(options.workflow);
  const store = createStore<EditorState>()((set, get) => {
    const snapshot = (): Snapshot => ({ graph: get().graph, selection: get().selection, revision: get().ui.revision });
    const problemsFor = (graph: GraphSlice): readonly Problem[] | undefined =>
      validate?.(flowToWorkflow(graph.meta, graph.nodes, graph.edges));

    /** Makes `graph` current as one undo step (or part of the last one, with the same coalesce key). */
    const commit = (
      reason: string,
      graph: GraphSlice,
      selection?: SelectionSlice,
      opts: { coalesceKey?: string; before?: Snapshot } = {},
    ) => {
      const state = get();
      if (graph === state.graph && selection === undefined) return;
      const at = now();
      const coalesce =
        opts.coalesceKey !== undefined &&
        lastCommit?.key === opts.coalesceKey &&
        lastCommit.revision === state.ui.revision &&
        at - lastCommit.at < coalesceMs;
      if (!coalesce) history.push(opts.before ?? snapshot());
      const revision = ++lastRevision;
      lastCommit = opts.coalesceKey === undefined ? undefined : { key: opts.coalesceKey, at, revision };
      setGraphState(reason, graph, selection ?? state.selection, revision);
    };

    const setGraphState = (reason: string, graph: GraphSlice, selection: SelectionSlice, revision: number) => {
      const problems = problemsFor(graph);
      const ids = new Set(graph.nodes.map((node) => node.id));
      const edgeIds = new Set(graph.edges.map((edge) => edge.id));
      const kept: SelectionSlice = {
        nodeIds: selection.nodeIds.filter((id) => ids.has(id)),
        edgeIds: selection.edgeIds.filter((id) => edgeIds.has(id)),
      };
      const flagged = { ...graph, ...applySelectionFlags(graph, new Set(kept.nodeIds), new Set(kept.edgeIds)) };
      set((state) => ({
        graph: flagged,
        selection: sameSelection(kept, state.selection) ? state.selection : kept,
        ui: {
          ...state.ui,
          revision,
          dirty: revision !== state.ui.savedRevision,
          canUndo: history.canUndo,
          canRedo: history.canRedo,
          ...(problems === undefined ? {} : { problems, problemsChecked: true }),
        },
      }));
      const change: GraphChange = { revision, reason, workflow: () => flowToWorkflow(flagged.meta, flagged.nodes, flagged.edges) };
      for (const listener of listeners) listener(change);
    };

    const restore = (reason: string, target: Snapshot | undefined) => {
      if (target === undefined) return;
      drag.before = undefined;
      lastCommit = undefined;
      setGraphState(reason, keepMeasured(target.graph, get().graph), target.selection, target.revision);
    };

    const nodeCommand = (
      reason: string,
      nodeId: string,
      update: Parameters<typeof updateNodeData>[2],
      coalesceKey?: string,
    ): CommandResult => {
      if (!get().graph.nodes.some((node) => node.id === nodeId)) return { ok: false, reason: `node "${nodeId}" does not exist` };
      commit(reason, updateNodeData(get().graph, nodeId, update), undefined, coalesceKey === undefined ? {} : { coalesceKey });
      return { ok: true };
    };

    const insert = (reason: string, payload: ClipboardPayload, at?: XYPosition): CommandResult<{ ids: string[] }> => {
      const unknown = [...new Set(payload.nodes.map((node) => node.type).filter((type) => !catalogue.has(type)))];
      if (unknown.length > 0) return { ok: false, reason: `unknown node types: ${unknown.join(', ')}` };
      const graph = get().graph;
      const added = instantiateClipboard(payload, graph, at);
      const ids = added.nodes.map((node) => node.id);
      commit(
        reason,
        { ...graph, nodes: [...graph.nodes, ...added.nodes], edges: [...graph.edges, ...added.edges] },
        { nodeIds: ids, edgeIds: [] },
      );
      return { ok: true, ids };
    };

    const selectedOr = (nodeIds: readonly string[] | undefined) => nodeIds ?? get().selection.nodeIds;

    const actions: EditorActions = {
      ...createCanvasActions({ get, setGraph: (graph) => set({ graph }), commit, snapshot, catalogue, portsFor }),
      addNode(type, position) {
        const entry = catalogue.get(type);
        if (entry === undefined) return { ok: false, reason: `unknown node type "${type}"` };
        const graph = get().graph;
        const id = freshNodeId(type, new Set(graph.nodes.map((node) => node.id)));
        const node = toEditorNode({ id, type, typeVersion: entry.version, position, config: structuredClone(entry.defaultConfig) });
        commit('addNode', { ...graph, nodes: [...graph.nodes, node] });
        return { ok: true, id };
      },
      removeElements({ nodeIds = [], edgeIds = [] }) {
        commit('remove', removeFromGraph(get().graph, new Set(nodeIds), new Set(edgeIds)));
      },
      deleteSelection() {
        actions.removeElements(get().selection);
      },
      connect(connection) {
        const graph = get().graph;
        const verdict = canConnect(graph, connection, portsFor);
        if (!verdict.ok) return verdict;
        const id = freshEdgeId(new Set(graph.edges.map((edge) => edge.id)));
        const edge = toEditorEdge({
          id,
          source: connection.source,
          sourcePort: connection.sourceHandle ?? '',
          target: connection.target,
          targetPort: connection.targetHandle ?? '',
        });
        commit('connect', { ...graph, edges: [...graph.edges, edge] });
        return verdict;
      },
      updateConfig(nodeId, path, value) {
        return nodeCommand('updateConfig', nodeId, (data) => updateConfigField(data, path, value), `config:${nodeId}:${path.join('.')}`);
      },
      renameNode(nodeId, label) {
        return nodeCommand('renameNode', nodeId, (data) => renameData(data, label), `label:${nodeId}`);
      },
      updateNotes(nodeId, notes) {
        return nodeCommand('updateNotes', nodeId, (data) => notesData(data, notes), `notes:${nodeId}`);
      },
      updateNodeSettings(nodeId, patch) {
        // Typing in one setting (a timeout of "30") is one undo step; another setting is another.
        const key = `settings:${nodeId}:${Object.keys(patch).sort().join(',')}`;
        return nodeCommand('updateNodeSettings', nodeId, (data) => updateSettingsData(data, patch), key);
      },
      applyLayout(positions) {
        commit('layout', moveNodes(get().graph, positions));
      },
      updateMeta(patch) {
        const graph = get().graph;
        commit('updateMeta', { ...graph, meta: { ...graph.meta, ...patch } }, undefined, {
          coalesceKey: `meta:${Object.keys(patch).join(',')}`,
        });
      },
      duplicate(nodeIds) {
        const { nodes, edges } = get().graph;
        const payload = copyNodes(nodes, edges, selectedOr(nodeIds));
        if (payload.nodes.length === 0) return { ok: false, reason: 'nothing to duplicate' };
        return insert('duplicate', payload);
      },
      copy(nodeIds) {
        const { nodes, edges } = get().graph;
        const payload = copyNodes(nodes, edges, selectedOr(nodeIds));
        return payload.nodes.length === 0 ? undefined : serializeClipboard(payload);
      },
      paste(text, at) {
        const parsed = parseClipboard(text);
        if (!parsed.ok) return parsed;
        return insert('paste', parsed.payload, at);
      },
      onNodesChange(changes) {
        const state = get();
        const result = applyFlowNodeChanges(state.graph, state.selection, changes, drag, snapshot);
        if (result.removed.length > 0) actions.removeElements({ nodeIds: result.removed });
        if (result.commit !== undefined) commit('move', result.commit.graph, undefined, { before: result.commit.before });
        else if (result.graph !== undefined || result.selection !== undefined) {
          // Not an edit: drag frames, sizes, selection.
          set({ graph: result.graph ?? get().graph, ...(result.selection === undefined ? {} : { selection: result.selection }) });
        }
      },
      onEdgesChange(changes) {
        const state = get();
        const result = applyFlowEdgeChanges(state.graph, state.selection, changes);
        if (result.removed.length > 0) actions.removeElements({ edgeIds: result.removed });
        if (result.graph !== undefined || result.selection !== undefined) {
          set({ graph: result.graph ?? get().graph, ...(result.selection === undefined ? {} : { selection: result.selection }) });
        }
      },
      select({ nodeIds = [], edgeIds = [] }) {
        const graph = get().graph;
        set({ selection: { nodeIds, edgeIds }, graph: { ...graph, ...applySelectionFlags(graph, new Set(nodeIds), new Set(edgeIds)) } });
      },
      undo() {
        restore('undo', history.undo(snapshot()));
      },
      redo() {
        restore('redo', history.redo(snapshot()));
      },
      load(workflow) {
        history.clear();
        drag.before = undefined;
        lastCommit = undefined;
        const revision = ++lastRevision;
        set((state) => ({ ui: { ...state.ui, savedRevision: revision } }));
        setGraphState('load', workflowToFlow(workflow), NO_SELECTION, revision);
      },
      markSaved(revision = get().ui.revision) {
        set((state) => ({ ui: { ...state.ui, savedRevision: revision, dirty: state.ui.revision !== revision } }));
      },
      toWorkflow() {
        const { meta, nodes, edges } = get().graph;
        return flowToWorkflow(meta, nodes, edges);
      },
      subscribeChanges(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      applyRunEvent(event) {
        const run = applyRunEvent(get().run, event);
        if (run !== get().run) set({ run });
      },
      showRun(run) {
        set({ run: { source: 'past', ...run } });
      },
      clearRun() {
        set({ run: IDLE_RUN });
      },
      setProblems(problems) {
        set((state) => ({ ui: { ...state.ui, problems, problemsChecked: true } }));
      },
      checkProblems() {
        if (get().ui.problemsChecked) return;
        const problems = problemsFor(get().graph);
        set((state) => ({ ui: { ...state.ui, problems: problems ?? state.ui.problems, problemsChecked: true } }));
      },
    };

    const graph: GraphSlice = initial;
    const problems = checkLater ? undefined : problemsFor(graph);
    return {
      graph,
      selection: NO_SELECTION,
      run: IDLE_RUN,
      ui: {
        dirty: false,
        canUndo: false,
        canRedo: false,
        revision: 0,
        savedRevision: 0,
        problems: problems ?? [],
        // Without `validate` there is nothing to wait for.
        problemsChecked: validate === undefined || !checkLater,
      },
      actions,
    };
  });
  return store;
}

function sameSelection(a: SelectionSlice, b: SelectionSlice): boolean {
  return sameIds(a.nodeIds, b.nodeIds) && sameIds(a.edgeIds, b.edgeIds);
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** A restored graph keeps the sizes React Flow measured since (it does not measure an unchanged node again). */
function keepMeasured(target: GraphSlice, current: GraphSlice): GraphSlice {
  const measured = new Map(current.nodes.map((node) => [node.id, node.measured]));
  let changed = false;
  const nodes = target.nodes.map((node) => {
    const size = measured.get(node.id);
    if (size === undefined || (node.measured?.width === size.width && node.measured?.height === size.height)) return node;
    changed = true;
    return { ...node, measured: size };
  });
  return changed ? { ...target, nodes } : target;
}
