// The packaging configuration (electron-builder.json): the security fuses of Electron's checklist are flipped, the
// native LanceDB module is unpacked from the ASAR (a .node file cannot be loaded from inside it), and every bundle
// electron-vite builds is packed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const config = JSON.parse(readFileSync(path.join(root, 'electron-builder.json'), 'utf8')) as {
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  linux: { target: string[] };
  mac: { target: string[] };
  win: { target: string[] };
};

describe('electron-builder.json', () => {
  it("is a valid configuration by electron-builder's own schema", () => {
    const schema = JSON.parse(readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    const { $schema: _schema, ...rest } = config as Record<string, unknown>;
    expect(validate(rest) ? [] : validate.errors).toEqual([]);
  });

  it('flips the fuses: no run-as-node, no NODE_OPTIONS or --inspect, cookie encryption, the app only from a checked ASAR', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('unpacks LanceDB native module, packs the built bundles, and targets Linux, macOS and Windows', () => {
    expect(config.asarUnpack).toContain('node_modules/@lancedb/**');
    expect(config.files).toContain('out/**');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });
});
