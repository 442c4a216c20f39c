import { describe, expect, it } from 'vitest';
import { shortcutFor, type KeyLike } from './editor-shortcuts.ts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcutFor', () => {
  it('maps Ctrl and Cmd combinations to editor commands', () => {
    expect(shortcutFor(key('s', { ctrlKey: true }), false)).toBe('save');
    expect(shortcutFor(key('s', { metaKey: true }), false)).toBe('save');
    expect(shortcutFor(key('S', { ctrlKey: true, shiftKey: true }), false)).toBe('saveAs');
    expect(shortcutFor(key('z', { ctrlKey: true }), false)).toBe('undo');
    expect(shortcutFor(key('Z', { metaKey: true, shiftKey: true }), false)).toBe('redo');
    expect(shortcutFor(key('y', { ctrlKey: true }), false)).toBe('redo');
    expect(shortcutFor(key('c', { ctrlKey: true }), false)).toBe('copy');
    expect(shortcutFor(key('v', { metaKey: true }), false)).toBe('paste');
    expect(shortcutFor(key('d', { ctrlKey: true }), false)).toBe('duplicate');
    expect(shortcutFor(key('L', { ctrlKey: true, shiftKey: true }), false)).toBe('layout');
    expect(shortcutFor(key('l', { metaKey: true, shiftKey: true }), false)).toBe('layout');
    expect(shortcutFor(key('l', { ctrlKey: true }), false)).toBeUndefined();
    expect(shortcutFor(key('Delete'), false)).toBe('delete');
    expect(shortcutFor(key('Backspace'), false)).toBe('delete');
    expect(shortcutFor(key('?', { shiftKey: true }), false)).toBe('help');
    expect(shortcutFor(key('F9'), false)).toBe('breakpoint');
    expect(shortcutFor(key('F9', { ctrlKey: true }), false)).toBeUndefined();
  });

  it('leaves keys alone that mean nothing to the editor', () => {
    expect(shortcutFor(key('a'), false)).toBeUndefined();
    expect(shortcutFor(key('x', { ctrlKey: true }), false)).toBeUndefined();
    expect(shortcutFor(key('z', { ctrlKey: true, altKey: true }), false)).toBeUndefined();
  });

  it('in a text field takes only Save', () => {
    expect(shortcutFor(key('s', { ctrlKey: true }), true)).toBe('save');
    expect(shortcutFor(key('z', { ctrlKey: true }), true)).toBeUndefined();
    expect(shortcutFor(key('Backspace'), true)).toBeUndefined();
    expect(shortcutFor(key('v', { ctrlKey: true }), true)).toBeUndefined();
    expect(shortcutFor(key('?'), true)).toBeUndefined();
  });

  it('in a text field also takes F9 (breakpoint), which types nothing', () => {
    expect(shortcutFor(key('F9'), true)).toBe('breakpoint');
    expect(shortcutFor(key('F10'), true)).toBe('step');
    expect(shortcutFor(key('F8'), true)).toBe('continue');
    expect(shortcutFor(key('F10', { shiftKey: true }), true)).toBeUndefined();
  });
});
