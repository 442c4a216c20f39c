import { describe, expect, it } from 'vitest';
import { lazyMemory } from './lazy-memory.ts';
import { unavailableMemory } from './unavailable-memory.ts';

describe('lazyMemory', () => {
  it('opens once, on first use, and retries an open that failed', async () => {
    let opens = 0;
    const memory = lazyMemory(() => {
      opens++;
      return opens === 1 ? Promise.reject(new Error('model missing')) : Promise.resolve(unavailableMemory('opened'));
    });
    expect(opens).toBe(0);
    expect(memory.opened()).toBeUndefined();
    await expect(memory.list({}, 1)).rejects.toThrow('model missing');
    await expect(memory.list({}, 1)).rejects.toThrow('opened');
    await expect(memory.search({ text: 'x', topK: 1, mode: 'vector' })).rejects.toThrow('opened');
    expect(opens).toBe(2);
    expect(memory.opened()).toBeDefined();
  });
});
