import { parseClipboard } from '../editor/clipboard.ts';

/** Used when the system clipboard is not allowed (no permission, insecure context). */
let memory: string | undefined;

export async function writeClipboard(text: string): Promise<void> {
  memory = text;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // The in-memory copy is enough inside this window.
  }
}

/** Operon nodes from the system clipboard when it holds some, else the last copy made in this window. */
export async function readClipboard(): Promise<string | undefined> {
  try {
    const text = await navigator.clipboard.readText();
    if (parseClipboard(text).ok) return text;
  } catch {
    // Not allowed: fall back to memory.
  }
  return memory;
}
