/** A readable message for anything an API call throws, with the first problems (and their nodes) when there are some. */
export function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const problems = (error as { problems?: { nodeId?: string; message: string }[] }).problems;
  if (problems === undefined || problems.length === 0) return error.message;
  const listed = problems.slice(0, 3).map((p) => (p.nodeId === undefined ? p.message : `${p.nodeId}: ${p.message}`));
  return `${error.message} (${listed.join('; ')}${problems.length > 3 ? '; …' : ''})`;
}
