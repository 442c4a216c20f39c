import type { PortDef } from '../../src-shared/nodes/ports.ts';
import { ERROR_PORT, ERROR_PORT_DEF } from '../../src-shared/workflow/graph.ts';
import type { NodePorts, PortsFor } from './catalogue.ts';
import type { EditorNodeData } from './graph-conversion.ts';

/** A node's ports for its current config, with the error port when it routes errors; undefined for an unknown type. */
export function portsOfNode(data: EditorNodeData, portsFor: PortsFor): NodePorts | undefined {
  const ports = portsFor(data.type, data.config);
  if (ports === undefined) return undefined;
  if (data.settings?.onError !== 'route') return ports;
  const outputs: Record<string, PortDef> = { ...ports.outputs, [ERROR_PORT]: ERROR_PORT_DEF };
  return { inputs: ports.inputs, outputs };
}
