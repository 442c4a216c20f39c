import { describe, expect, it } from 'vitest';
import { isReservedName, RESERVED_NAMES } from './reserved-names.ts';

describe('reserved names', () => {
  it("hold every own property of this engine's Object.prototype, plus prototype", () => {
    for (const name of Object.getOwnPropertyNames(Object.prototype)) expect(RESERVED_NAMES, name).toContain(name);
    expect(isReservedName('prototype')).toBe(true);
  });

  it('leave ordinary names alone, whatever their case', () => {
    for (const name of ['in', 'out', 'true', 'false', 'default', 'error', 'Constructor', 'proto', 'result'])
      expect(isReservedName(name), name).toBe(false);
  });
});
