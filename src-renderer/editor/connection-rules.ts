import type { Connection } from '@xyflow/react';
import { portTypesCompatible } from '../../src-shared/nodes/ports.ts';
import type { PortsFor } from './catalogue.ts';
import type { EditorNodeData } from './graph-conversion.ts';
import { portsOfNode } from './node-ports.ts';

export type ConnectResult = { ok: true } | { ok: false; reason: string };

/** The part of the canvas the rules read. */
export interface ConnectGraph {
  nodes: readonly { id: string; data: EditorNodeData }[];
  edges: readonly { source: string; target: string; targetHandle?: string | null }[];
}

/**
 * Whether a new edge may be drawn, with a human reason when not: both ports exist, their types fit,
 * the input has no edge yet, and the edge neither loops on its node nor closes a cycle.
 */
export function canConnect(graph: ConnectGraph, connection: Connection, portsFor: PortsFor): ConnectResult {
  const { source, target, sourceHandle, targetHandle } = connection;
  if (source === target) return refuse(`a node cannot connect to itself ("${source}")`);
  const sourceNode = graph.nodes.find((node) => node.id === source);
  const targetNode = graph.nodes.find((node) => node.id === target);
  if (sourceNode === undefined) return refuse(`node "${source}" does not exist`);
  if (targetNode === undefined) return refuse(`node "${target}" does not exist`);
  const sourcePorts = portsOfNode(sourceNode.data, portsFor);
  const targetPorts = portsOfNode(targetNode.data, portsFor);
  if (sourcePorts === undefined) return refuse(`node "${source}" has an unknown type "${sourceNode.data.type}"`);
  if (targetPorts === undefined) return refuse(`node "${target}" has an unknown type "${targetNode.data.type}"`);
  if (sourceHandle == null || targetHandle == null) return refuse('an edge goes from an output port to an input port');
  const out = sourcePorts.outputs[sourceHandle];
  const input = targetPorts.inputs[targetHandle];
  if (out === undefined) return refuse(`node "${source}" has no output port "${sourceHandle}"`);
  if (input === undefined) return refuse(`node "${target}" has no input port "${targetHandle}"`);
  if (!portTypesCompatible(out.type, input.type)) {
    return refuse(`${out.type} output cannot connect to ${input.type} input ("${source}.${sourceHandle}" → "${target}.${targetHandle}")`);
  }
  if (graph.edges.some((edge) => edge.target === target && edge.targetHandle === targetHandle)) {
    return refuse(`input "${targetHandle}" of node "${target}" already has an edge`);
  }
  const path = findPath(graph.edges, target, source);
  if (path !== undefined) return refuse(`would make a cycle: ${[source, ...path].map((id) => `"${id}"`).join(' → ')}`);
  return { ok: true };
}

function refuse(reason: string): ConnectResult {
  return { ok: false, reason };
}

/** A shortest path of node ids from `from` to `to` along edges (breadth first), or undefined. */
export function findPath(edges: ConnectGraph['edges'], from: string, to: string): string[] | undefined {
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    const list = next.get(edge.source);
    if (list === undefined) next.set(edge.source, [edge.target]);
    else list.push(edge.target);
  }
  const previous = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (const id of queue) {
    if (id === to) {
      const path: string[] = [];
      for (let at: string | null | undefined = id; at != null; at = previous.get(at)) path.push(at);
      return path.reverse();
    }
    for (const target of next.get(id) ?? []) {
      if (previous.has(target)) continue;
      previous.set(target, id);
      queue.push(target);
    }
  }
  return undefined;
}
