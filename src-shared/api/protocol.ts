import { z } from 'zod';
import { ApiErrorInfoSchema } from './errors.ts';

/**
 * The wire protocol of `operon serve`'s WebSocket (`/api`), one JSON object per message:
 * a request `{ id, call, input }` is answered by `{ id, ok: true, output }` or `{ id, ok: false, error }`;
 * the server pushes `{ event, payload }`. A message that cannot be read at all is answered with `id: null`.
 */
export const RequestIdSchema = z.union([z.string().min(1).max(64), z.int().nonnegative()]);
export type RequestId = z.infer<typeof RequestIdSchema>;

export const RequestMessageSchema = z.object({
  id: RequestIdSchema,
  call: z.string().min(1).max(100),
  input: z.unknown().optional(),
});
export type RequestMessage = z.infer<typeof RequestMessageSchema>;

export const ResponseMessageSchema = z.discriminatedUnion('ok', [
  z.object({ id: RequestIdSchema.nullable(), ok: z.literal(true), output: z.unknown() }),
  z.object({ id: RequestIdSchema.nullable(), ok: z.literal(false), error: ApiErrorInfoSchema }),
]);
export type ResponseMessage = z.infer<typeof ResponseMessageSchema>;

export const EventMessageSchema = z.object({ event: z.string().min(1), payload: z.unknown() });
export type EventMessage = z.infer<typeof EventMessageSchema>;

export const ServerMessageSchema = z.union([ResponseMessageSchema, EventMessageSchema]);

/** The WebSocket subprotocol a browser offers alongside `operon.<token>`; the server answers with it. */
export const API_SUBPROTOCOL = 'operon';
/** The path of the API endpoint. */
export const API_PATH = '/api';
