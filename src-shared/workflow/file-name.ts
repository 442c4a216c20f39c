/** Characters no file system in use accepts in a name (Windows is the strictest), and control characters. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f]+/g;
/** Names Windows reserves for devices, whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const MAX_LENGTH = 100;

/**
 * The file name an exported workflow gets: its name, made safe for every file system (`Ticket triage` →
 * `Ticket triage.operon.json`), else its id when the name leaves nothing usable.
 */
export function workflowFileName(workflow: { id: string; name: string }): string {
  const safe = workflow.name
    .replace(FORBIDDEN, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_LENGTH)
    .replace(/^[.\s]+|[.\s]+$/g, '');
  const base = safe === '' || RESERVED.test(safe) ? workflow.id : safe;
  return `${base}.operon.json`;
}
