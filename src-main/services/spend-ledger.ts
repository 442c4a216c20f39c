import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SpendLedger } from '../../src-shared/engine/services.ts';

/**
 * What a workspace spends on models, in `workspaces/<id>/spend.jsonl`: one line per priced call, appended, so
 * runs in several processes add up. The total is read from the file each time it is asked for.
 */
export function createSpendLedger(workspaceRoot: string, budgetUsd: number | undefined): SpendLedger {
  const file = path.join(workspaceRoot, 'spend.jsonl');
  return {
    budgetUsd: () => budgetUsd,
    async spentUsd() {
      let text = '';
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      let total = 0;
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        try {
          const cost = (JSON.parse(line) as { costUsd?: unknown }).costUsd;
          if (typeof cost === 'number' && Number.isFinite(cost)) total += cost;
        } catch {
          // A line cut short by a killed process: the call it recorded is lost, the rest still counts.
        }
      }
      return total;
    },
    async record(costUsd) {
      await appendFile(file, `${JSON.stringify({ at: new Date().toISOString(), costUsd })}\n`);
    },
  };
}
