// Loaded with `node --import` into an `operon` process under test: writes the URL of every module the process
// resolved (its own files and its packages', `node:` built-ins left out) to the file named by RECORD_LOADED_MODULES when
// the process exits, so a test can see what a command loaded and what it did not.
import { writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const file = process.env.RECORD_LOADED_MODULES;
if (file !== undefined && file !== '') {
  const seen = new Set<string>();
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const resolved = nextResolve(specifier, context);
      if (!resolved.url.startsWith('node:')) seen.add(resolved.url);
      return resolved;
    },
  });
  process.on('exit', () => writeFileSync(file, [...seen].join('\n')));
}
