#!/usr/bin/env node
// The `operon` command. Operon runs on Node 24 LTS; `npm run operon -- …` uses the node@24 devDependency.
import { existsSync } from 'node:fs';
import module from 'node:module';

const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  process.stderr.write(
    `operon needs Node 24 or newer; this is Node ${process.versions.node}.\n` +
      `Run it through npm (\`npm run operon -- run FILE\`), which uses the project's Node 24, or install Node 24.\n`,
  );
  process.exit(2);
}

// The built CLI (`npm run build` makes out/cli/, and the npm package ships it) is plain JavaScript. A development
// checkout without a build runs the TypeScript sources, which Node strips of their types as it loads them (slower to
// start, and never under node_modules); OPERON_SOURCES=1 runs them even beside a build, as the tests do, so a stale
// build is never what they test.
const built = new URL('../out/cli/main.js', import.meta.url);
const sources = new URL('../src-main/cli/main.ts', import.meta.url);
const hasBuild = existsSync(built);
const fromSources = existsSync(sources) && (process.env.OPERON_SOURCES === '1' || !hasBuild);
if (!fromSources && !hasBuild) {
  process.stderr.write(
    `OPR-200 operon has no built CLI at ${built.pathname}: pack it again with npm pack (which builds it) and reinstall.\n`,
  );
  process.exit(1);
}
// V8 keeps the compiled code of the modules it loads in the system's temporary folder, so the next start skips
// compiling them again.
if (!fromSources) module.enableCompileCache?.();
await import(fromSources ? sources.href : built.href);
