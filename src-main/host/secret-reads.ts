import type { AuditLog } from '../services/audit/audit-log.ts';

/** Which node of which run read a secret. */
export interface SecretReader {
  runId: string;
  nodeId: string;
}

/**
 * The audit trail's `secret.read` entries, kept off the hot path: a node's read is only noted in memory (once per run
 * and secret, by the first node that read it), and the notes are written in one batch when the run stops (ends or
 * waits). Never the value: the entry names the secret (`secret:<NAME>`), the run and the node.
 */
export interface SecretReads {
  note(reader: SecretReader, name: string): void;
  /** Writes the notes not yet written, in the order they were taken. */
  flush(): Promise<void>;
  /** Forgets which secrets a run read, once it has ended (a long-lived server would otherwise keep every run's). */
  forget(runId: string): void;
}

export function createSecretReads(audit: AuditLog, actorOf: (runId: string) => string): SecretReads {
  /** The secrets each run going on has read, by run id. */
  const noted = new Map<string, Set<string>>();
  let pending: { reader: SecretReader; name: string }[] = [];
  return {
    note(reader, name) {
      let names = noted.get(reader.runId);
      if (names === undefined) noted.set(reader.runId, (names = new Set()));
      if (names.has(name)) return;
      names.add(name);
      pending.push({ reader, name });
    },
    forget(runId) {
      noted.delete(runId);
    },
    async flush() {
      const batch = pending;
      pending = [];
      for (const { reader, name } of batch)
        await audit.record({
          actor: actorOf(reader.runId),
          action: 'secret.read',
          target: `secret:${name}`,
          details: { runId: reader.runId, nodeId: reader.nodeId },
        });
    },
  };
}
