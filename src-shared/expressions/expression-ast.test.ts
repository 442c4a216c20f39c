import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { expressionAst } from './expression-ast.ts';

describe('expressionAst', () => {
  it('is the tree jsonata parses', () => {
    expect(expressionAst('$sum(items.price) * 2')).toEqual(jsonata('$sum(items.price) * 2').ast());
  });

  it('parses a text once: the same tree again, another for another text', () => {
    const first = expressionAst('{ "total": $count($) }');
    expect(expressionAst('{ "total": $count($) }')).toBe(first);
    expect(expressionAst('{ "total": $count($) + 1 }')).not.toBe(first);
  });

  it('throws jsonata’s syntax error for text that does not parse, the second time too', () => {
    const parse = () => expressionAst('$sum(');
    expect(parse).toThrow(expect.objectContaining({ code: expect.stringMatching(/^S0/) }) as Error);
    expect(parse).toThrow(expect.objectContaining({ code: expect.stringMatching(/^S0/) }) as Error);
  });
});
