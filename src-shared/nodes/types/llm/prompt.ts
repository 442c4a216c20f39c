import { OperonError } from '../../../errors/operon-error.ts';
import type { ChatMessage } from '../../../llm/types.ts';
import type { NodeContext } from '../../define-node-type.ts';
import { describeKind, isPlainObject, toText } from '../values.ts';

/** A prior turn of the conversation, as config.history must give them. */
export interface HistoryTurn {
  role: 'user' | 'assistant';
  content: string;
}

/** The config fields the messages are built from. */
export interface PromptConfig {
  system: string;
  prompt: string;
  history: string;
}

type Templating = Pick<NodeContext<unknown, unknown>, 'template' | 'evaluate'>;

const HISTORY_SHAPE = 'an array of { role: "user" | "assistant", content: string }';

/**
 * The messages for one call: the system template (left out when it fills to empty text), the turns
 * config.history gives, then the prompt template as the user's turn (left out when empty, so a history
 * can end the conversation itself). Template results that are not text are sent as JSON.
 */
export async function buildMessages(ctx: Templating, config: PromptConfig, input: unknown): Promise<ChatMessage[]> {
  const messages: ChatMessage[] = [];
  const system = toText(await ctx.template(config.system, input, 'config.system'));
  if (system !== '') messages.push({ role: 'system', content: system });
  if (config.history.trim() !== '') messages.push(...readHistory(await ctx.evaluate(config.history, input, 'config.history')));
  const prompt = toText(await ctx.template(config.prompt, input, 'config.prompt'));
  if (prompt !== '') messages.push({ role: 'user', content: prompt });
  if (!messages.some((message) => message.role !== 'system')) {
    throw new OperonError('OPR-107', 'config.prompt filled to empty text and there is no history: there is nothing to ask the model', {
      details: { field: 'config.prompt' },
    });
  }
  return messages;
}

/**
 * Checks what the history expression gave. No result is no history; one turn on its own counts as a
 * one-turn history (JSONata gives a single match without its array).
 */
export function readHistory(value: unknown): HistoryTurn[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.map((item, index) => {
    const problem = turnProblem(item);
    if (problem !== undefined) {
      throw new OperonError('OPR-107', `expression in config.history must give ${HISTORY_SHAPE}: history[${index}] ${problem}`, {
        details: { field: 'config.history', index },
      });
    }
    const turn = item as HistoryTurn;
    return { role: turn.role, content: turn.content };
  });
}

function turnProblem(item: unknown): string | undefined {
  if (!isPlainObject(item)) return `is ${describeKind(item)}, not an object`;
  if (item.role === undefined) return 'has no role';
  if (item.role !== 'user' && item.role !== 'assistant') return `has role ${JSON.stringify(item.role)}, not "user" or "assistant"`;
  if (typeof item.content !== 'string') return `has content of type ${describeKind(item.content)}, not text`;
  return undefined;
}
