/** A node as people read it: its label, else (no label, or a blank one) its id. */
export function nodeDisplayName(node: { id: string; label?: string | undefined }): string {
  const label = node.label?.trim();
  return label === undefined || label === '' ? node.id : label;
}
