/** One piece of a template: literal text, or a `{{ expression }}` placeholder. */
export type TemplatePart = { kind: 'text'; text: string } | { kind: 'expression'; expression: string };

/**
 * Splits `Hello {{ name }}!` into text and expression parts. A `}}` inside a quoted string in the
 * expression does not end it. An unclosed `{{` is an error naming its offset.
 */
export function splitTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let index = 0;
  while (index < text.length) {
    const open = text.indexOf('{{', index);
    if (open === -1) {
      parts.push({ kind: 'text', text: text.slice(index) });
      break;
    }
    if (open > index) parts.push({ kind: 'text', text: text.slice(index, open) });
    const close = findClose(text, open + 2);
    if (close === -1) throw new Error(`unclosed "{{" at offset ${open}`);
    parts.push({ kind: 'expression', expression: text.slice(open + 2, close).trim() });
    index = close + 2;
  }
  return parts;
}

function findClose(text: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (quote !== undefined) {
      if (char === '\\') i++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '}' && text[i + 1] === '}') {
      return i;
    }
  }
  return -1;
}

/** Whether a string has any placeholder, so plain strings skip the expression engine. */
export function isTemplate(text: string): boolean {
  return text.includes('{{');
}
