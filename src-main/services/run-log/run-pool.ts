/**
 * Runs async tasks with at most `limit` in flight (so thousands of file appends never hold thousands of open files).
 * Resolves when all have settled; a task's rejection goes to `onError` and does not stop the others.
 */
export async function runPool(tasks: readonly (() => Promise<void>)[], limit: number, onError: (error: unknown) => void): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const task = tasks[next++];
      if (task === undefined) continue;
      try {
        await task();
      } catch (error) {
        onError(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}
