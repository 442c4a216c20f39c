import { ApiError } from '../../../src-shared/api/errors.ts';
import type { TriggerService } from '../triggers/trigger-service.ts';
import type { CallImpls } from './call-types.ts';
import type { AuditLog } from '../../services/audit/audit-log.ts';

type TriggerCalls = 'triggers.list' | 'triggers.setActive' | 'triggers.log';

/**
 * The trigger calls on the trigger service; without one (a server started without `triggers`, the unit tests of
 * other calls) each is refused with OPR-238, which says how to get one.
 */
export function triggerCalls(service: TriggerService | undefined, audit: (workspace: string) => AuditLog): CallImpls<TriggerCalls> {
  if (service === undefined) {
    const off = (): Promise<never> =>
      Promise.reject(
        new ApiError('OPR-238', 'this Operon runs no trigger service: start it with `operon serve` (or the desktop app) to use triggers'),
      );
    return { 'triggers.list': off, 'triggers.setActive': off, 'triggers.log': off };
  }
  return {
    async 'triggers.list'({ workspace }) {
      return { workflows: await service.list(workspace) };
    },
    async 'triggers.setActive'({ workspace, workflowId, active, by }) {
      const activation = await service.setActive(workspace, workflowId, active, by);
      await audit(workspace).record({
        actor: by,
        action: active ? 'workflow.activated' : 'workflow.deactivated',
        target: `workflow:${workflowId}`,
      });
      return { activation };
    },
    async 'triggers.log'({ workspace, workflowId, before, limit }) {
      const firings = await service.log(workspace, {
        limit,
        ...(workflowId === undefined ? {} : { workflowId }),
        ...(before === undefined ? {} : { before }),
      });
      return { firings };
    },
  };
}
