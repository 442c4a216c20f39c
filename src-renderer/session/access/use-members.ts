import { useCallback, useEffect, useState } from 'react';
import type { Member, SecretInfo, TokenInfo } from '../../../src-shared/api/access-schemas.ts';
import type { Role } from '../../../src-shared/api/permissions.ts';
import { errorMessage } from '../api-context.ts';
import { useApi } from '../workspace-context.ts';

/** A token just made: its text is shown this once. */
export interface NewToken {
  id: string;
  user: string;
  token: string;
}

export interface MembersView {
  members: Member[] | undefined;
  tokens: TokenInfo[] | undefined;
  secrets: SecretInfo[] | undefined;
  /** The last refusal or failure, in words. */
  error: string | undefined;
  busy: boolean;
  newToken: NewToken | undefined;
  dismissToken: () => void;
  setRole: (user: string, role: Role) => Promise<boolean>;
  remove: (user: string) => Promise<boolean>;
  createToken: (user: string, label?: string) => Promise<boolean>;
  revokeToken: (id: string) => Promise<boolean>;
  setSecret: (name: string, value: string) => Promise<boolean>;
  deleteSecret: (name: string) => Promise<boolean>;
}

/** The Members panel's data: the workspace's members, their tokens and the stored secrets' names, and the changes to them. */
export function useMembers(): MembersView {
  const api = useApi();
  const [members, setMembers] = useState<Member[]>();
  const [tokens, setTokens] = useState<TokenInfo[]>();
  const [secrets, setSecrets] = useState<SecretInfo[]>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [newToken, setNewToken] = useState<NewToken>();

  const reload = useCallback(async () => {
    try {
      const [listed, tokenList, secretList] = await Promise.all([
        api.call('members.list', {}),
        api.call('tokens.list', {}),
        api.call('secrets.list', {}),
      ]);
      setMembers(listed.members);
      setTokens(tokenList.tokens);
      setSecrets(secretList.secrets);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [api]);
  useEffect(() => void reload(), [reload]);

  /** Runs one change, then reads everything again; false (and the error shown) when it was refused. */
  const change = useCallback(
    async (act: () => Promise<unknown>): Promise<boolean> => {
      setBusy(true);
      setError(undefined);
      try {
        await act();
        return true;
      } catch (failure) {
        setError(errorMessage(failure));
        return false;
      } finally {
        await reload();
        setBusy(false);
      }
    },
    [reload],
  );

  return {
    members,
    tokens,
    secrets,
    error,
    busy,
    newToken,
    dismissToken: () => setNewToken(undefined),
    setRole: (user, role) => change(() => api.call('members.set', { user, role })),
    remove: (user) => change(() => api.call('members.remove', { user })),
    createToken: (user, label) =>
      change(async () => {
        const made = await api.call('tokens.create', { user, ...(label === undefined || label === '' ? {} : { label }) });
        setNewToken({ id: made.id, user: made.user, token: made.token });
      }),
    revokeToken: (id) => change(() => api.call('tokens.revoke', { id })),
    setSecret: (name, value) => change(() => api.call('secrets.set', { name, value })),
    deleteSecret: (name) => change(() => api.call('secrets.delete', { name })),
  };
}
