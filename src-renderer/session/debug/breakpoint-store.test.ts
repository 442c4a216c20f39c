import { describe, expect, it } from 'vitest';
import {
  breakpointKey,
  createBreakpointStore,
  selectBreakpoints,
  selectHasBreakpoint,
  type BreakpointStorage,
} from './breakpoint-store.ts';

function memoryStorage(initial: Record<string, string> = {}): BreakpointStorage & { items: Map<string, string> } {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

describe('breakpoint store', () => {
  it('toggles breakpoints per workflow and keeps them in storage', () => {
    const storage = memoryStorage();
    const store = createBreakpointStore(storage);
    const { toggle } = store.getState().actions;
    expect(toggle('a', 'n1')).toBe(true);
    expect(toggle('a', 'n2')).toBe(true);
    expect(toggle('b', 'n1')).toBe(true);
    expect(toggle('a', 'n1')).toBe(false);

    expect(selectBreakpoints('a')(store.getState())).toEqual(['n2']);
    expect(selectHasBreakpoint('b', 'n1')(store.getState())).toBe(true);
    expect(selectHasBreakpoint('b', 'n2')(store.getState())).toBe(false);
    expect(JSON.parse(storage.items.get(breakpointKey('a')) ?? '')).toEqual(['n2']);

    // Another editor (a reload) reads them back.
    const again = createBreakpointStore(storage);
    expect(selectBreakpoints('a')(again.getState())).toEqual([]); // not loaded yet
    expect(again.getState().actions.load('a')).toEqual(['n2']);
    expect(selectBreakpoints('b')(again.getState())).toEqual([]);
    expect(again.getState().actions.toggle('b', 'n3')).toBe(true); // toggling loads first
    expect(selectBreakpoints('b')(again.getState())).toEqual(['n1', 'n3']);
  });

  it('forgets a workflow whose breakpoints are all cleared, and de-duplicates what it is given', () => {
    const storage = memoryStorage();
    const store = createBreakpointStore(storage);
    store.getState().actions.set('a', ['x', 'y', 'x']);
    expect(selectBreakpoints('a')(store.getState())).toEqual(['x', 'y']);
    store.getState().actions.set('a', []);
    expect(storage.items.has(breakpointKey('a'))).toBe(false);
  });

  it('starts over from damaged storage, and works without storage at all', () => {
    const damaged = createBreakpointStore(memoryStorage({ [breakpointKey('a')]: '{not json', [breakpointKey('b')]: '["n1", 2, null]' }));
    expect(damaged.getState().actions.load('a')).toEqual([]);
    expect(damaged.getState().actions.load('b')).toEqual(['n1']);

    const none = createBreakpointStore(undefined);
    expect(none.getState().actions.toggle('a', 'n1')).toBe(true);
    expect(selectBreakpoints('a')(none.getState())).toEqual(['n1']);
  });

  it('gives the same list while nothing changes (a stable selector result)', () => {
    const store = createBreakpointStore(undefined);
    store.getState().actions.set('a', ['x']);
    const first = selectBreakpoints('a')(store.getState());
    store.getState().actions.toggle('other', 'y');
    expect(selectBreakpoints('a')(store.getState())).toBe(first);
    expect(selectBreakpoints('never')(store.getState())).toBe(selectBreakpoints('never')(store.getState()));
  });
});
