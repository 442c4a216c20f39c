import { describeTooDeep, MAX_JSON_DEPTH, scanJson, textTooLarge } from './json-limits.ts';

/** The largest API message read, in characters: the WebSocket's own cap (32 MiB, src-main/serve/server.ts). */
export const MAX_MESSAGE_CHARS = 32 * 1024 * 1024;

/**
 * How deep an API message may nest: the value limit plus room for the envelope around it (`{ id, call, input:
 * { workspace, workflow: … } }`), so a workflow or inputs within their own limit always fit in a message, and a
 * deeper one is refused by the check that names its own path (validateWorkflow, validateRunInputs).
 */
export const MAX_MESSAGE_DEPTH = MAX_JSON_DEPTH + 8;

export type JsonMessage = { ok: true; json: unknown } | { ok: false; reason: 'not-json' | 'too-large' | 'too-deep'; message: string };

/**
 * Reads one JSON message from a transport (a WebSocket frame, a MessagePort message), for either side of the API:
 * refuses text past the size limit before parsing, text that is not JSON, and JSON nested past the depth limit before
 * anything recursive (zod, the handlers, JSON.stringify) sees it. Each refusal names the limit.
 */
export function readJsonMessage(text: string): JsonMessage {
  const tooLarge = textTooLarge(text, 'the message', MAX_MESSAGE_CHARS);
  if (tooLarge !== undefined) return { ok: false, reason: 'too-large', message: tooLarge };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: 'not-json', message: `the message is not JSON: ${(error as Error).message}` };
  }
  const { tooDeep } = scanJson(json, { maxDepth: MAX_MESSAGE_DEPTH });
  if (tooDeep !== undefined) return { ok: false, reason: 'too-deep', message: `the message is ${describeTooDeep(tooDeep)}` };
  return { ok: true, json };
}
