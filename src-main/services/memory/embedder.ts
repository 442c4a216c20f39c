/**
 * Turns text into vectors for semantic memory. Every memory table records the `id` and `dimension` of the
 * embedder that built it; searching it with another is OPR-141, which names `operon memory reindex`.
 */
export interface Embedder {
  /** Stable and specific: `offline:<model>@<version>` or `<provider>:<model>`, e.g. `openai:text-embedding-3-small`. */
  id: string;
  dimension: number;
  /** One vector per text, in order, each of `dimension` numbers; cosine-normalised (unit length). Errors: OPR-143. */
  embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]>;
}
