import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { completionSources } from '../../editor/expressions/completion-sources.ts';
import type { CompletionSources } from '../../editor/expressions/completions.ts';
import type { PreviewScope } from '../../editor/expressions/preview.ts';
import { nodeDisplayName } from '../../../src-shared/workflow/node-display-name.ts';
import { useEditor, useEditorSession, useRunSession } from '../editor-context.ts';
import { useNodeTrace } from '../trace/use-node-trace.ts';
import { useApi } from '../workspace-context.ts';

export interface ExpressionData {
  sources: CompletionSources;
  /** What a preview evaluates against, and where that data came from; undefined before any run or pin gives it. */
  preview: { scope: PreviewScope; origin: string } | undefined;
}

/**
 * What a node's expression fields know: the open document's shapes upstream of the node, the node's inputs in the run on
 * the canvas (else the pinned or last run outputs of the node wired into its input) and that run's inputs.
 */
export function useExpressionData(nodeId: string): ExpressionData {
  const { portsFor } = useEditorSession();
  const api = useApi();
  const ids = useEditor(useShallow((s) => s.graph.nodes.map((node) => node.id)));
  const datas = useEditor(useShallow((s) => s.graph.nodes.map((node) => node.data)));
  const edges = useEditor((s) => s.graph.edges);
  const inputsSchema = useEditor((s) => s.graph.meta.inputs);
  const runId = useEditor((s) => s.run.runId);
  const pins = useRunSession((s) => s.pins);

  const workflow = useMemo(
    () => ({
      inputs: inputsSchema,
      nodes: ids.map((id, i) => ({
        id,
        type: datas[i]!.type,
        typeVersion: datas[i]!.typeVersion,
        position: { x: 0, y: 0 },
        config: datas[i]!.config,
        label: datas[i]!.label,
      })),
      edges: edges.map((e) => ({
        id: e.id,
        source: e.source,
        sourcePort: e.sourceHandle ?? '',
        target: e.target,
        targetPort: e.targetHandle ?? '',
      })),
    }),
    [ids, datas, edges, inputsSchema],
  );
  const own = workflow.nodes.find((node) => node.id === nodeId);
  const inputPorts = useMemo(() => (own === undefined ? [] : Object.keys(portsFor(own.type, own.config)?.inputs ?? {})), [own, portsFor]);
  const inEdge = workflow.edges.find((edge) => edge.target === nodeId && edge.targetPort === 'in');

  const ownTrace = useNodeTrace(runId, nodeId).trace;
  const upstreamTrace = useNodeTrace(runId, inEdge?.source).trace;
  const runInputs = useRunInputs(api, runId);

  return useMemo(() => {
    const label = (id: string) => nodeDisplayName(workflow.nodes.find((node) => node.id === id) ?? { id });
    let inputValues: Record<string, unknown> | undefined;
    let origin: string | undefined;
    if (ownTrace?.inputs !== undefined) {
      inputValues = ownTrace.inputs;
      origin = `this node’s inputs in run ${runId ?? ''}`;
    } else if (inEdge !== undefined && pins[inEdge.source]?.outputs[inEdge.sourcePort] !== undefined) {
      inputValues = { in: pins[inEdge.source]!.outputs[inEdge.sourcePort] };
      origin = `the pinned output of ${label(inEdge.source)}`;
    } else if (inEdge !== undefined && upstreamTrace?.outputs?.[inEdge.sourcePort] !== undefined) {
      inputValues = { in: upstreamTrace.outputs[inEdge.sourcePort] };
      origin = `${label(inEdge.source)}’s output in run ${runId ?? ''}`;
    }
    const sources = completionSources({ workflow, nodeId, inputPorts, inputValues, runValue: runInputs });
    const preview =
      inputValues === undefined || origin === undefined
        ? undefined
        : { scope: { data: inputValues.in, inputs: inputValues, run: runInputs ?? {} }, origin };
    return { sources, preview };
  }, [workflow, nodeId, inputPorts, ownTrace, upstreamTrace, inEdge, pins, runId, runInputs]);
}

/** The inputs of run `runId` (`runs.get`), or undefined while there is none or it loads. */
function useRunInputs(api: ReturnType<typeof useApi>, runId: string | null): Record<string, unknown> | undefined {
  const [loaded, setLoaded] = useState<{ runId: string; inputs: Record<string, unknown> }>();
  useEffect(() => {
    if (runId === null) return;
    let live = true;
    api.call('runs.get', { runId }).then(
      ({ run }) => live && setLoaded({ runId, inputs: run.inputs }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, runId]);
  return loaded?.runId === runId ? loaded.inputs : undefined;
}
