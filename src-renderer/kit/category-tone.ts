/**
 * Node categories and the colour tone each is drawn in. The tones are CSS custom properties (kit/node-visuals.css:
 * `--tone-<name>`, with a light and a dark value), so a node, the palette and the MiniMap agree in both themes.
 */
const TONES = {
  Triggers: 'trigger',
  Flow: 'flow',
  Data: 'data',
  AI: 'ai',
  Memory: 'memory',
  Files: 'files',
  Network: 'network',
  Human: 'human',
} as const;

export type CategoryTone = (typeof TONES)[keyof typeof TONES] | 'other';

/** A category's tone; a category this build does not know is drawn in the neutral `other`. */
export function categoryTone(category: string | undefined): CategoryTone {
  return category !== undefined && Object.hasOwn(TONES, category) ? TONES[category as keyof typeof TONES] : 'other';
}

/** The CSS colour of a tone (a custom property, so it follows the theme). */
export function toneColor(tone: CategoryTone): string {
  return `var(--tone-${tone})`;
}
