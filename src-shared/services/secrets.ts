/** Named secrets such as API keys and tokens (on Node, in `src-main/services/`). */
export interface SecretService {
  /**
   * The secret's value, or undefined when it is not set. The host redacts every value it hands out from logs; `reader`
   * (the run and node asking) is what the audit trail records of a read.
   */
  get(name: string, reader?: { runId: string; nodeId: string }): string | undefined;
}
