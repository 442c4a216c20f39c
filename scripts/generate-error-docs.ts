/** Writes docs/errors.md from the error catalogue: `node scripts/generate-error-docs.ts`. */
import { writeFileSync } from 'node:fs';
import { renderErrorDocs } from './error-docs.ts';

writeFileSync(new URL('../docs/errors.md', import.meta.url), renderErrorDocs());
