import { OperonError } from '../../errors/operon-error.ts';
import type { DebugGate, DebugPause, DebugRelease } from '../api.ts';

/** What a person does at a pause: run the held node and pause before the next one, or run on to the next breakpoint. */
export type DebugAction = 'step' | 'continue';

/** A debugger for one run: the engine's {@link DebugGate} plus the controls a person uses. */
export interface DebugSession extends DebugGate {
  breakpoints(): string[];
  /** Replaces the breakpoints; takes effect for the next node that is about to start. */
  setBreakpoints(nodeIds: Iterable<string>): void;
  /** Where the run is held now, if it is. */
  paused(): DebugPause | undefined;
  /**
   * Lets the held node start (with `override.inputs` instead of its own, when given: a manual override the engine
   * logs). `step` pauses again before the next node that starts; `continue` runs until a breakpoint. OPR-158 when the
   * run is not held at a pause.
   */
  resume(action: DebugAction, override?: DebugRelease['override']): void;
}

export interface DebugSessionOptions {
  breakpoints?: Iterable<string>;
  /** Pause before the first node that starts, as if stepping (a debug run with no breakpoint set). */
  startStepping?: boolean;
  /** Told each time the run pauses. */
  onPause?: (pause: DebugPause) => void;
}

export function createDebugSession(options: DebugSessionOptions = {}): DebugSession {
  let breakpoints = new Set(options.breakpoints ?? []);
  let stepping = options.startStepping === true;
  let held: { pause: DebugPause; release: (release: DebugRelease) => void } | undefined;

  return {
    breakpoints: () => [...breakpoints],
    setBreakpoints(nodeIds) {
      breakpoints = new Set(nodeIds);
    },
    paused: () => held?.pause,
    pauseBefore(nodeId) {
      if (breakpoints.has(nodeId)) return 'breakpoint';
      return stepping ? 'step' : undefined;
    },
    wait(pause, signal) {
      return new Promise<DebugRelease>((resolve, reject) => {
        if (signal.aborted) {
          reject(signal.reason as Error);
          return;
        }
        const onAbort = (): void => {
          held = undefined;
          reject(signal.reason as Error);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        held = {
          pause,
          release: (release) => {
            signal.removeEventListener('abort', onAbort);
            held = undefined;
            resolve(release);
          },
        };
        options.onPause?.(pause);
      });
    },
    resume(action, override) {
      if (held === undefined) throw new OperonError('OPR-158', 'the run is not paused');
      stepping = action === 'step';
      held.release(override === undefined ? {} : { override });
    },
  };
}
