#!/usr/bin/env node
// The `operon` command. Operon runs on Node 24 LTS; `npm run operon -- …` uses the node@24 devDependency.
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  process.stderr.write(
    `operon needs Node 24 or newer; this is Node ${process.versions.node}.\n` +
      `Run it through npm (\`npm run operon -- run FILE\`), which uses the project's Node 24, or install Node 24.\n`,
  );
  process.exit(2);
}
await import('../src-main/cli/main.ts');
