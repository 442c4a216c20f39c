/** HTTP as the engine and its nodes see it (on Node, in `src-main/services/`). */
export interface HttpService {
  /** The WHATWG fetch: the host may restrict or log it. */
  fetch(url: string, init: RequestInit & { signal: AbortSignal }): Promise<Response>;
}
