import type { z } from 'zod';
import { BridgeAnswerSchema, type OperonBridge } from '../../src-shared/api/bridge.ts';
import {
  DESKTOP_CALLS,
  DESKTOP_EVENTS,
  type DesktopCallInput,
  type DesktopCallName,
  type DesktopCallOutput,
  type DesktopEventName,
  type DesktopEventPayload,
} from '../../src-shared/api/desktop-contract.ts';
import { API_ERROR_CODES, ApiError } from '../../src-shared/api/errors.ts';

/**
 * The desktop shell's own calls and events (desktop-contract.ts), typed and checked as the API client checks the
 * engine's: outputs and event payloads are validated before anyone sees them. Only the desktop app has one.
 */
export interface DesktopClient {
  call<N extends DesktopCallName>(name: N, input: DesktopCallInput<N>): Promise<DesktopCallOutput<N>>;
  on<E extends DesktopEventName>(name: E, handler: (payload: DesktopEventPayload<E>) => void): () => void;
}

export function createDesktopClient(bridge: OperonBridge): DesktopClient {
  return {
    async call(name, input) {
      const answer = BridgeAnswerSchema.safeParse(await bridge.request(name, input));
      if (!answer.success)
        throw new ApiError(API_ERROR_CODES.transport, `${name}: the desktop bridge answered something that is not an answer`);
      if (!answer.data.ok) throw ApiError.fromInfo(answer.data.error);
      const output = (DESKTOP_CALLS[name].output as z.ZodType).safeParse(answer.data.output);
      if (!output.success)
        throw new ApiError(API_ERROR_CODES.transport, `${name}: the desktop app answered an output the contract refuses`);
      return output.data as DesktopCallOutput<typeof name>;
    },
    on(name, handler) {
      const schema: z.ZodType = DESKTOP_EVENTS[name];
      return bridge.onEvent((event, payload) => {
        if (event !== name) return;
        const parsed = schema.safeParse(payload);
        if (parsed.success) handler(parsed.data as DesktopEventPayload<typeof name>);
      });
    },
  };
}
