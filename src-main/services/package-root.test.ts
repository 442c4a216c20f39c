import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packagePath, packageRoot } from './package-root.ts';

describe('packageRoot', () => {
  it("is the folder of Operon's package.json, above this module, and the shipped files are found from it", () => {
    const root = packageRoot();
    expect(root).toBe(path.resolve(import.meta.dirname, '../..'));
    expect((JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string }).name).toBe('operon');
    expect(existsSync(packagePath('resources/prices.json'))).toBe(true);
    expect(existsSync(packagePath('resources/examples/diamond.operon.json'))).toBe(true);
  });
});
