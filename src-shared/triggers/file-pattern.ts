/**
 * File-name globs for the File watch trigger's `pattern` ("*.csv", "report-??.xlsx", "*.{csv,tsv}", "[!~]*"): matched
 * against a file's name only (never its folder), ignoring case, so "*.csv" takes "REPORT.CSV" as an analyst expects.
 * Pure and browser-safe (the editor can say which names a pattern takes). `*` is any run of characters, `?` one
 * character, `[abc]` / `[a-z]` / `[!abc]` a set, `{a,b}` alternatives (not nested); `\` escapes the next character.
 */

/** Why a pattern is refused, or undefined when it can be matched. */
export function filePatternProblem(pattern: string): string | undefined {
  if (pattern.trim() === '') return 'the pattern is empty: use "*" for every file';
  if (pattern.includes('/')) return 'the pattern matches file names only: put the folder in "folder", not in the pattern';
  try {
    compile(pattern);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** A test for file names; throws for a pattern {@link filePatternProblem} refuses. */
export function fileNameMatcher(pattern: string): (name: string) => boolean {
  const problem = filePatternProblem(pattern);
  if (problem !== undefined) throw new Error(`file pattern ${JSON.stringify(pattern)}: ${problem}`);
  const regex = compile(pattern);
  return (name) => regex.test(name);
}

function compile(pattern: string): RegExp {
  let source = '';
  let inBraces = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern.charAt(i);
    if (char === '\\') {
      i++;
      if (i >= pattern.length) throw new Error('the pattern ends with a lone "\\"');
      source += escapeRegex(pattern.charAt(i));
    } else if (char === '*') {
      source += '.*';
    } else if (char === '?') {
      source += '.';
    } else if (char === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) throw new Error('a "[" has no closing "]"');
      let body = pattern.slice(i + 1, end);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      source += `[${negated ? '^' : ''}${body.replace(/[\\\]^]/g, (c) => `\\${c}`)}]`;
      i = end;
    } else if (char === '{') {
      if (inBraces) throw new Error('braces cannot be nested');
      inBraces = true;
      source += '(?:';
    } else if (char === '}' && inBraces) {
      inBraces = false;
      source += ')';
    } else if (char === ',' && inBraces) {
      source += '|';
    } else {
      source += escapeRegex(char);
    }
  }
  if (inBraces) throw new Error('a "{" has no closing "}"');
  return new RegExp(`^${source}$`, 'iu');
}

function escapeRegex(char: string): string {
  return char.replace(/[.*+?^${}()|[\]\\/]/g, (c) => `\\${c}`);
}
