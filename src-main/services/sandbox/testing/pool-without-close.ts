// Run by worker-pool.test.ts as its own Node process: uses a worker pool and never closes it, the way the bench and a
// CLI command that forgets close() do. The process must still exit once its work is done.
import { createWorkerPool } from '../worker-pool.ts';

const pool = createWorkerPool({ size: 2 });
const never = new AbortController().signal;
const value = await pool.evaluate({ expression: '$match("ab12", /\\d+/).match', data: null, bindings: {} }, never);
process.stdout.write(`${JSON.stringify(value)}\n`);
