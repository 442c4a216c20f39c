import { describe, expect, it } from 'vitest';
import { expressionReferences, templateReferences } from './expression-references.ts';

describe('expressionReferences', () => {
  it('finds fields read from the top of the input, not those inside filters or later steps', () => {
    const refs = expressionReferences('body.orders[status = "paid"].total + $.fee + count');
    expect(refs?.inputFields.sort()).toEqual(['body', 'count', 'fee']);
  });

  it('reads object constructors, conditions, blocks and function arguments at the top', () => {
    const refs = expressionReferences('{ "a": route, "b": flag ? yes : no, "c": ($x := size; $x), "d": $string(label) }');
    expect(refs?.inputFields.sort()).toEqual(['flag', 'label', 'no', 'route', 'size', 'yes']);
  });

  it('names run inputs, input ports and called functions', () => {
    const refs = expressionReferences('$run.ticket & $inputs.in.x & $secret("k") & $uppercase(name)');
    expect(refs).toMatchObject({ runFields: ['ticket'], inputPorts: ['in'], calls: ['secret', 'uppercase'] });
  });

  it('leaves out functions the expression defines: bound lambdas and parameters', () => {
    const refs = expressionReferences('($twice := function($f, $x) { $f($f($x)) }; $twice($string, 1) & $nope(2))');
    expect(refs?.calls).toEqual(['nope']);
  });

  it('reads nothing inside a lambda body as the input', () => {
    expect(expressionReferences('$map(items, function($v) { $v.size + other })')?.inputFields).toEqual(['items']);
  });

  it('answers undefined for an expression that does not compile', () => {
    expect(expressionReferences('(')).toBeUndefined();
  });
});

describe('templateReferences', () => {
  it('joins the references of every placeholder', () => {
    const refs = templateReferences('Route to {{ route }} ({{ $uppercase(priority) }}) for {{ $run.customer }}');
    expect(refs).toMatchObject({ inputFields: ['route', 'priority'], calls: ['uppercase'], runFields: ['customer'] });
  });

  it('answers undefined for an unclosed placeholder', () => {
    expect(templateReferences('Hello {{ name')).toBeUndefined();
  });
});
