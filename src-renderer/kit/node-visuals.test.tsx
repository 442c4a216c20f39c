import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { builtinNodeTypes } from '../../src-shared/nodes/builtin.ts';
import { categoryTone, toneColor } from './category-tone.ts';
import { hasNodeIcon, NodeIcon } from './node-icon.tsx';

describe('node icons', () => {
  it.each(builtinNodeTypes.map((nodeType) => [nodeType.type, nodeType.icon] as const))(
    '%s names an icon the kit draws (%s)',
    (_type, icon) => {
      expect(hasNodeIcon(icon)).toBe(true);
      const svg = renderToStaticMarkup(<NodeIcon name={icon} />);
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain(`data-icon="${icon}"`);
      expect(svg).not.toContain(`>${icon}<`);
    },
  );

  it('draws a neutral fallback for an unknown name, never the name as text', () => {
    expect(hasNodeIcon('no-such-icon')).toBe(false);
    expect(hasNodeIcon('constructor')).toBe(false);
    const svg = renderToStaticMarkup(<NodeIcon name="no-such-icon" />);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('data-icon="fallback"');
    expect(svg).not.toContain('no-such-icon');
  });
});

describe('category tones', () => {
  it('give every built-in category its own tone', () => {
    const categories = [...new Set(builtinNodeTypes.map((nodeType) => nodeType.category))];
    const tones = categories.map(categoryTone);
    expect(tones).not.toContain('other');
    expect(new Set(tones).size).toBe(categories.length);
  });

  it('draw an unknown category in the neutral tone, as a theme variable', () => {
    expect(categoryTone('Acme')).toBe('other');
    expect(categoryTone(undefined)).toBe('other');
    expect(categoryTone('toString')).toBe('other');
    expect(toneColor(categoryTone('AI'))).toBe('var(--tone-ai)');
  });
});
