import { ERROR_CATALOGUE, type CatalogueEntry } from '../src-shared/errors/catalogue.ts';

/** The error reference as Markdown, one section per code so `OPR-014` is a search away. */
export function renderErrorDocs(): string {
  const sections = Object.entries(ERROR_CATALOGUE).map(([code, entry]: [string, CatalogueEntry]) => {
    const exit = entry.invalidInput === true ? `\n\`operon\` exits with code 2 (invalid input or configuration: nothing ran).\n` : '';
    return `## ${code}: ${entry.title}\n\n${entry.help}\n${exit}`;
  });
  return `# Operon error codes\n\nGenerated from \`src-shared/errors/catalogue.ts\` by \`npm run gen:docs\`. Every error Operon shows\n(CLI, API, editor) carries one of these codes.\n\n${sections.join('\n')}`;
}
