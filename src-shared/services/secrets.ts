/** Named secrets such as API keys and tokens (on Node, in `src-main/services/`). */
export interface SecretService {
  /** The secret's value, or undefined when it is not set. The host redacts every value it hands out from logs. */
  get(name: string): string | undefined;
}
