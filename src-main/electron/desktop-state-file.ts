import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { z } from 'zod';
import { writeFileAtomic } from '../services/atomic-write.ts';

/** Where the desktop app keeps its own small state (recent files, window placement): `<data folder>/desktop/<name>`. */
export function desktopStatePath(dataDir: string, name: string): string {
  return join(dataDir, 'desktop', name);
}

/**
 * One JSON file of the desktop app's own state, read through `schema`. A missing file reads as undefined; a file that
 * is not JSON or not of the schema is moved aside (`<file>.corrupt`, reported through `log`) rather than lost or
 * thrown at a person: this state is a convenience, and the app starts without it.
 */
export function desktopStateFile<S extends z.ZodType>(file: string, schema: S, log: (message: string) => void) {
  return {
    async read(): Promise<z.output<S> | undefined> {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        log(`could not read ${file}: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
      let problem: string;
      try {
        const parsed = schema.safeParse(JSON.parse(text));
        if (parsed.success) return parsed.data;
        problem = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`).join('; ');
      } catch (error) {
        problem = error instanceof Error ? error.message : String(error);
      }
      const aside = `${file}.corrupt`;
      await rename(file, aside).catch(() => undefined);
      log(`${file} is not valid (${problem}); moved it to ${aside} and started afresh`);
      return undefined;
    },
    async write(value: z.input<S>): Promise<void> {
      await mkdir(dirname(file), { recursive: true });
      await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
    },
  };
}
