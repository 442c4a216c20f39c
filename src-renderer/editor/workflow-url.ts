const PREFIX = '#/workflows/';

/** The open workflow's place in the page URL: `#/workflows/<id>` (a hash, so a reload or a bookmark needs no server route). */
export function workflowHash(id: string | undefined): string {
  return id === undefined ? '#/' : `${PREFIX}${encodeURIComponent(id)}`;
}

/** The workflow id a page URL's hash names, if it names one. */
export function workflowIdOfHash(hash: string): string | undefined {
  if (!hash.startsWith(PREFIX)) return undefined;
  try {
    const id = decodeURIComponent(hash.slice(PREFIX.length));
    return id === '' ? undefined : id;
  } catch {
    return undefined; // A malformed escape: no workflow.
  }
}
