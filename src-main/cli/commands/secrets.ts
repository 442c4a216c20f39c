import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { workspacePaths, ensureWorkspace } from '../../services/data-dir.ts';
import { rotateSecretKey } from '../../services/secret-vault/rotate-key.ts';
import { KEY_VARIABLE, NEW_KEY_VARIABLE } from '../../services/secret-vault/secret-keys.ts';
import { createSecretVault, normaliseSecretName, type SecretVault } from '../../services/secret-vault/secret-vault.ts';
import { checkedContext, type GlobalOptions } from '../cli-context.ts';
import { createAuditLog, localActor, type AuditLog } from '../../services/audit/audit-log.ts';
import { formatTime } from '../format-values.ts';

async function vaultFor(command: Command): Promise<{ vault: SecretVault; workspace: string; audit: AuditLog }> {
  const { dataDir, workspace } = await checkedContext(command.optsWithGlobals<GlobalOptions>());
  const paths = workspacePaths(dataDir, workspace);
  await ensureWorkspace(paths);
  return {
    vault: createSecretVault({ dataDir, workspace, workspaceRoot: paths.root, env: process.env }),
    workspace,
    audit: createAuditLog({ workspace, workspaceRoot: paths.root }),
  };
}

/** `operon secrets set NAME`: the value from standard input (one trailing newline dropped) or a hidden prompt. */
export async function setSecretCommand(name: string, command: Command): Promise<void> {
  const stored = normaliseSecretName(name); // before asking for a value
  const { vault, workspace, audit } = await vaultFor(command);
  const value = process.stdin.isTTY ? await hiddenPrompt(`Value for ${stored}: `) : await readStdin();
  if (value === '') throw new OperonError('OPR-252', `no value given for ${stored}: pipe it in or type it at the prompt`);
  const outcome = await vault.set(stored, value);
  await audit.record({
    actor: localActor(process.env),
    action: outcome === 'created' ? 'secret.created' : 'secret.changed',
    target: `secret:${stored}`,
  });
  process.stdout.write(`${outcome === 'created' ? 'stored' : 'changed'} secret ${stored} in workspace ${workspace}\n`);
}

export async function listSecretsCommand(options: { json?: boolean }, command: Command): Promise<void> {
  const { vault, workspace } = await vaultFor(command);
  const secrets = await vault.list();
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify({ workspace, secrets })}\n`);
    return;
  }
  if (secrets.length === 0) {
    process.stdout.write(`no secrets stored in workspace ${workspace}\n`);
    return;
  }
  const width = Math.max(...secrets.map((secret) => secret.name.length));
  for (const secret of secrets)
    process.stdout.write(`${secret.name.padEnd(width)}  stored ${formatTime(secret.createdAt)}, changed ${formatTime(secret.updatedAt)}\n`);
}

export async function deleteSecretCommand(name: string, command: Command): Promise<void> {
  const { vault, workspace, audit } = await vaultFor(command);
  const removed = await vault.remove(name);
  if (!removed) throw new OperonError('OPR-252', `there is no secret ${normaliseSecretName(name)} stored in workspace ${workspace}`);
  await audit.record({ actor: localActor(process.env), action: 'secret.deleted', target: `secret:${normaliseSecretName(name)}` });
  process.stdout.write(`deleted secret ${normaliseSecretName(name)} from workspace ${workspace}\n`);
}

export async function rotateKeyCommand(command: Command): Promise<void> {
  const { dataDir } = await checkedContext(command.optsWithGlobals<GlobalOptions>());
  const result = await rotateSecretKey(dataDir, process.env);
  for (const workspace of result.sealed)
    await createAuditLog({ workspace, workspaceRoot: workspacePaths(dataDir, workspace).root }).record({
      actor: localActor(process.env),
      action: 'secrets.keyRotated',
      target: 'secrets',
      details: { source: result.source },
    });
  const secrets = `${result.secrets} ${result.secrets === 1 ? 'secret' : 'secrets'} in ${result.workspaces} ${result.workspaces === 1 ? 'workspace' : 'workspaces'}`;
  process.stdout.write(
    result.source === 'environment'
      ? `sealed ${secrets} with ${NEW_KEY_VARIABLE}: now set ${KEY_VARIABLE} to it and unset ${NEW_KEY_VARIABLE}\n`
      : `sealed ${secrets} with a new key; the old key is gone from the key file\n`,
  );
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Reads a line from the terminal without echoing it. */
function hiddenPrompt(question: string): Promise<string> {
  process.stderr.write(question);
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  const reader = createInterface({ input: process.stdin, output: muted, terminal: true });
  return new Promise((resolve) => {
    reader.once('line', (line) => {
      reader.close();
      process.stderr.write('\n');
      resolve(line);
    });
  });
}
