import type { ChangeEvent } from 'react';
import { TEST_IDS } from '../test-ids.ts';
import { readPageToken } from '../api/ws-transport.ts';
import { useConnectionStore } from '../session/connection-store.ts';
import { EditorButtons } from './editor-buttons.tsx';
import { TopActivation } from './top-activation.tsx';
import { ModelKeysButton } from './model-keys-button.tsx';
import { useThemeStore } from '../session/theme-store.ts';
import type { Workspace } from '../session/use-workspace.ts';
import { AccountMenu } from './account-menu.tsx';
import { useCan } from '../session/access/use-whoami.ts';

interface TopBarProps {
  workspace: Workspace;
  onHelp: () => void;
  /** Asks for a name for a copy of the open workflow (the Save as dialog). */
  onSaveAs?: () => void;
}

/** Brand, the open workflow's controls, New / Import, Model keys (desktop app only), theme and help. */
export function TopBar({ workspace, onHelp, onSaveAs }: TopBarProps) {
  const theme = useThemeStore((s) => s.theme);
  const toggleTheme = useThemeStore((s) => s.toggle);
  const connection = useConnectionStore((s) => s.status);
  const canEdit = useCan('edit');
  // The server refuses a connection without the token, and a browser cannot read why: say what to do.
  const hasToken = readPageToken() !== undefined;

  const onImport = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (file === undefined) return;
    void file.text().then(async (text) => {
      input.value = '';
      await workspace.importText(text);
    });
  };

  return (
    <header className="top-bar">
      <span className="brand">Operon</span>
      {workspace.session !== undefined && onSaveAs !== undefined && (
        <EditorButtons onExport={() => void workspace.exportOpen()} onSaveAs={onSaveAs} />
      )}
      {workspace.session !== undefined && <TopActivation workspace={workspace} />}
      <span className="spacer" />
      {connection !== 'open' && (
        <span className="connection">
          {connection === 'connecting'
            ? 'Connecting…'
            : hasToken
              ? 'Offline'
              : 'Offline: open the URL that operon serve printed (it carries the token)'}
        </span>
      )}
      {canEdit && (
        <button
          type="button"
          data-testid={TEST_IDS.newWorkflow}
          disabled={workspace.catalogue === undefined}
          onClick={() => void workspace.create()}
        >
          New
        </button>
      )}
      {canEdit && (
        <label className="button">
          Import
          <input
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            data-testid={TEST_IDS.importInput}
            onChange={onImport}
          />
        </label>
      )}
      <ModelKeysButton />
      <AccountMenu workspace={workspace} />
      <button type="button" data-testid={TEST_IDS.themeToggle} onClick={toggleTheme} title="Toggle light / dark">
        {theme === 'dark' ? 'Light' : 'Dark'}
      </button>
      <button type="button" data-testid={TEST_IDS.helpButton} onClick={onHelp} title="Keyboard shortcuts" aria-label="Help">
        ?
      </button>
    </header>
  );
}
