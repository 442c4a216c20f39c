import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROVIDER_KEYS_FILE } from '../src-main/electron/provider-keys.ts';
import { ReversibleSafeStorage } from '../src-main/electron/testing/reversible-safe-storage.ts';
import { TEST_IDS } from '../src-renderer/test-ids.ts';
import { test as editorTest, expect } from './fixtures/editor.ts';
import { desktopTest } from './fixtures/ipc-bridge.ts';

// The Model keys dialog of the desktop app, over the desktop road of ipc-bridge.e2e.ts (the built preload, the real
// engine host) with the main process's real provider key store over a stand-in keychain; and its absence in a browser.

const KEY = 'sk-proj-e2e-Never-Shown-0123456789';

const test = desktopTest;

test.describe('with a keychain', () => {
  test('stores a key (listed by name, never shown, given to the engine), refuses a name that is no key, and removes it', async ({
    editor,
    desktop,
  }) => {
    const { page } = editor;
    await editor.byTestId(TEST_IDS.providerKeysButton).click();
    const dialog = editor.byTestId(TEST_IDS.providerKeysDialog);
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('No keys stored in the app.');
    await expect(editor.byTestId(TEST_IDS.providerKeysUnavailable)).toHaveCount(0);

    const name = editor.byTestId(TEST_IDS.providerKeyName);
    const value = editor.byTestId(TEST_IDS.providerKeyValue);
    const save = editor.byTestId(TEST_IDS.providerKeySave);
    await expect(value).toHaveAttribute('type', 'password');
    await name.fill('path');
    await value.fill(KEY);
    await expect(name).toHaveValue('PATH');
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog).toContainText('a key name ends in _KEY');
    await expect(save).toBeDisabled();

    await name.fill('OPENAI_API_KEY');
    await expect(save).toBeEnabled();
    await editor.screenshot('provider-keys-form.png');
    await save.click();
    const item = editor.byTestId(TEST_IDS.providerKeyItem);
    await expect(item).toHaveCount(1);
    await expect(item).toHaveAttribute('data-name', 'OPENAI_API_KEY');
    await expect(value).toHaveValue('');
    await expect(name).toHaveValue('');
    expect(await page.content()).not.toContain(KEY);
    expect(desktop.env.OPENAI_API_KEY).toBe(KEY);
    const file = await readFile(path.join(desktop.dataDir, PROVIDER_KEYS_FILE), 'utf8');
    expect(file).toContain('OPENAI_API_KEY');
    expect(file).not.toContain(KEY);
    expect(desktop.calls.filter((call) => call.startsWith('desktop.providerKeys.'))).toEqual([
      'desktop.providerKeys.list',
      'desktop.providerKeys.set',
      'desktop.providerKeys.list',
    ]);
    await editor.screenshot('provider-keys-light.png');
    await page.keyboard.press('Escape');
    await editor.byTestId(TEST_IDS.themeToggle).click();
    await editor.byTestId(TEST_IDS.providerKeysButton).click();
    await expect(item).toHaveCount(1);
    await editor.screenshot('provider-keys-dark.png');

    await editor.byTestId(TEST_IDS.providerKeyRemove).click();
    await expect(item).toHaveCount(0);
    await expect(dialog).toContainText('No keys stored in the app.');
    expect(desktop.env.OPENAI_API_KEY).toBeUndefined();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    expect(editor.errors).toEqual([]);
  });
});

test.describe('where Linux reports the basic_text backend', () => {
  test.use({ desktopOptions: { safeStorage: new ReversibleSafeStorage({ backend: 'basic_text' }) } });

  test('says why no key can be stored, and offers no form to store one', async ({ editor, desktop }) => {
    await editor.byTestId(TEST_IDS.providerKeysButton).click();
    const reason = editor.byTestId(TEST_IDS.providerKeysUnavailable);
    await expect(reason).toContainText('basic_text');
    await expect(reason).toContainText('environment variable');
    await expect(editor.byTestId(TEST_IDS.providerKeySave)).toHaveCount(0);
    await expect(editor.byTestId(TEST_IDS.providerKeyValue)).toHaveCount(0);
    await editor.screenshot('provider-keys-basic-text.png');
    expect(desktop.env).toEqual({});
    expect(editor.errors).toEqual([]);
  });
});

editorTest('in a browser (operon serve) the editor offers no Model keys', async ({ editor }) => {
  await expect(editor.byTestId(TEST_IDS.themeToggle)).toBeVisible();
  await expect(editor.byTestId(TEST_IDS.providerKeysButton)).toHaveCount(0);
});
