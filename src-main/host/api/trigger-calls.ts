import { ApiError } from '../../../src-shared/api/errors.ts';
import type { CallImpls } from './call-types.ts';

type TriggerCalls = 'triggers.list' | 'triggers.setActive' | 'triggers.log';

/** FOUNDATION PLACEHOLDER: the trigger service (issue 13) replaces this before it is merged. */
export function triggerCalls(): CallImpls<TriggerCalls> {
  const missing = (): Promise<never> => Promise.reject(new ApiError('OPR-231', 'triggers are not built yet'));
  return { 'triggers.list': missing, 'triggers.setActive': missing, 'triggers.log': missing };
}
