import { categoryTone } from '../../kit/category-tone.ts';
import { NodeIcon } from '../../kit/node-icon.tsx';
import { useNodeLabel } from '../../session/node-labels.ts';

/** The inspector's first line: the node's icon in its category's tone, its label, and its type (the id in the tooltip). */
export function InspectorHeading({
  nodeId,
  icon,
  category,
  typeTitle,
}: {
  nodeId: string;
  icon: string | undefined;
  category: string | undefined;
  typeTitle: string;
}) {
  const label = useNodeLabel(nodeId);
  return (
    <span className={`inspector-heading tone-${categoryTone(category)}`} title={`${typeTitle} · ${nodeId}`}>
      <span className="node-icon-tile">
        <NodeIcon name={icon} size={15} />
      </span>
      <span className="inspector-heading-text">
        <span className="inspector-heading-label">{label}</span>
        {label !== typeTitle && <span className="muted">{typeTitle}</span>}
      </span>
    </span>
  );
}
