import { z } from 'zod';
import { ProviderKeyNameSchema } from '../../src-shared/api/desktop-contract.ts';

/**
 * Environment variables the main process sets in the engine process (the provider keys stored in the desktop app,
 * decrypted): `set` names each variable and its value, `unset` the ones to drop again. Only provider key names
 * (desktop-contract.ts), so nothing else in the engine's environment can be changed this way.
 */
export const EngineEnvChangeSchema = z
  .object({
    set: z.record(ProviderKeyNameSchema, z.string().min(1)),
    unset: z.array(ProviderKeyNameSchema),
  })
  .strict();
export type EngineEnvChange = z.infer<typeof EngineEnvChangeSchema>;

/**
 * The desktop app's secrets keys, opened by the main process (which holds the OS keychain: electron/secret-keys.ts)
 * and handed to the engine process in memory, never through argv or the environment: by key id, each key in base64,
 * and the id of the one new values are sealed with.
 */
export const EngineSecretKeysSchema = z
  .object({
    current: z.string().regex(/^[0-9a-f]{16}$/),
    keys: z.record(z.string().regex(/^[0-9a-f]{16}$/), z.base64().min(1)),
  })
  .strict()
  .refine((keys) => keys.keys[keys.current] !== undefined, { message: 'the current key is not among the keys', path: ['current'] });
export type EngineSecretKeys = z.infer<typeof EngineSecretKeysSchema>;

/**
 * What the Electron main process sends the engine process on its parent port (Electron's `process.parentPort`):
 * `connect`, with one MessagePort in the message's `ports`, opens an API connection for one window on that port;
 * `env` changes the environment the engine's hosts read provider keys from (see engine-env.ts), seen by the next
 * model call without a restart; `secretKeys` gives the secrets keys (sent, like `env`, before any window connects); `shutdown` closes every connection, cancels the runs still going (their logs flushed)
 * and exits with code 0.
 */
export const EngineControlSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('connect'), window: z.int().nonnegative() }),
  EngineEnvChangeSchema.extend({ type: z.literal('env') }),
  z.object({ type: z.literal('shutdown') }),
  z.object({ type: z.literal('secretKeys'), keys: EngineSecretKeysSchema }),
]);
export type EngineControl = z.infer<typeof EngineControlSchema>;
