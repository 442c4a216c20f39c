import { TEST_IDS } from '../test-ids.ts';
import { useDockStore, useEngineRestartStore } from '../session/workspace-context.ts';

/**
 * Says, until dismissed, that the desktop app's engine stopped and was started again, and that the runs it was
 * carrying out are interrupted; with a workflow open, opens its History, where they can be continued.
 */
export function EngineRestartBanner({ workflowOpen }: { workflowOpen: boolean }) {
  const restart = useEngineRestartStore((s) => s.restart);
  const dismiss = useEngineRestartStore((s) => s.dismiss);
  const showBottom = useDockStore((s) => s.showBottom);
  if (restart === undefined) return null;
  return (
    <div className="engine-restart" role="alert" data-testid={TEST_IDS.engineRestart}>
      <div className="engine-restart-text">
        <strong>The engine stopped and was restarted.</strong>{' '}
        <span>
          Runs that were going on are interrupted:{' '}
          {workflowOpen ? 'continue them from History.' : "continue them from their workflow's History."}
        </span>
        <div className="muted engine-restart-reason">
          {restart.reason.charAt(0).toUpperCase() + restart.reason.slice(1)}, at {new Date(restart.at).toLocaleTimeString()}.
        </div>
      </div>
      {workflowOpen && (
        <button type="button" className="primary" data-testid={TEST_IDS.engineRestartHistory} onClick={() => showBottom('history')}>
          Open History
        </button>
      )}
      <button type="button" data-testid={TEST_IDS.engineRestartDismiss} onClick={dismiss} aria-label="Dismiss">
        Dismiss
      </button>
    </div>
  );
}
