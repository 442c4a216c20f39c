import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SpendLedger } from '../../src-shared/engine/services.ts';

interface SpendLine {
  at?: unknown;
  day?: unknown;
  costUsd?: unknown;
  tokens?: unknown;
}

/**
 * What a workspace spends on models, in `workspaces/<id>/spend.jsonl`: one line per model call that cost money or
 * used tokens, with its UTC day, appended, so runs in several processes add up. Totals are read from the file each time
 * they are asked for. `now` is for tests.
 */
export function createSpendLedger(workspaceRoot: string, budgetUsd: number | undefined, now: () => Date = () => new Date()): SpendLedger {
  const file = path.join(workspaceRoot, 'spend.jsonl');
  const lines = async (): Promise<SpendLine[]> => {
    let text = '';
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const parsed: SpendLine[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        parsed.push(JSON.parse(line) as SpendLine);
      } catch {
        // A line cut short by a killed process: the call it recorded is lost, the rest still counts.
      }
    }
    return parsed;
  };
  return {
    budgetUsd: () => budgetUsd,
    async spentUsd() {
      return (await lines()).reduce((total, line) => total + finite(line.costUsd), 0);
    },
    async spentToday() {
      const today = dayKey(now());
      let usd = 0;
      let tokens = 0;
      for (const line of await lines()) {
        // Lines written before days were recorded carry only `at`.
        const day = typeof line.day === 'string' ? line.day : typeof line.at === 'string' ? line.at.slice(0, 10) : undefined;
        if (day !== today) continue;
        usd += finite(line.costUsd);
        tokens += finite(line.tokens);
      }
      return { usd, tokens };
    },
    async record(costUsd, tokens = 0) {
      const at = now();
      await appendFile(file, `${JSON.stringify({ at: at.toISOString(), day: dayKey(at), costUsd, tokens })}\n`);
    },
  };
}

/** The UTC day of a moment, `YYYY-MM-DD`: a day's budget starts at midnight UTC. */
export function dayKey(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function finite(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
