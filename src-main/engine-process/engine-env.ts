import type { EngineEnvChange } from './control.ts';

/**
 * Applies the main process's `env` messages (control.ts) to the environment the engine's hosts read (in the engine
 * process, `process.env` itself). A key stored in the desktop app overrides the variable of the same name the app was
 * launched with; removing the stored key brings the launch value back. The hosts read the environment on every model
 * call (services/llm/env-tracking-transport.ts) and every secret lookup, so a change needs no restart.
 */
export function createEngineEnv(env: NodeJS.ProcessEnv): { apply(change: EngineEnvChange): void } {
  const atLaunch: NodeJS.ProcessEnv = { ...env };
  return {
    apply(change) {
      for (const name of change.unset) {
        const launchValue = atLaunch[name];
        if (launchValue === undefined) delete env[name];
        else env[name] = launchValue;
      }
      for (const [name, value] of Object.entries(change.set)) env[name] = value;
    },
  };
}
