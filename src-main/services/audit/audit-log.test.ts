import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditCsv, readAuditEntries } from './audit-export.ts';
import { auditPaths, createAuditLog } from './audit-log.ts';
import { verifyAudit } from './audit-verify.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'operon-audit-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const file = () => auditPaths(root).file;
const lines = async () => (await readFile(file(), 'utf8')).replace(/\n$/, '').split('\n');
const writeLines = (text: string[]) => writeFile(file(), `${text.join('\n')}\n`);

async function recordFive(): Promise<void> {
  let clock = Date.parse('2026-12-01T09:00:00Z');
  const log = createAuditLog({ workspace: 'acme', workspaceRoot: root, now: () => (clock += 60_000) });
  for (const target of ['a', 'b', 'c', 'd', 'e'])
    await log.record({ actor: 'ada', action: 'workflow.changed', target: `workflow:${target}`, details: { summary: `edited ${target}` } });
}

describe('the audit trail', () => {
  it('chains each entry to the one before it, and verify accepts the whole trail', async () => {
    await recordFive();
    expect(await verifyAudit('acme', root)).toEqual({ ok: true, entries: 5 });
    const entries = await readAuditEntries(root);
    expect(entries.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5]);
    // Another workspace's name does not start this chain.
    expect(await verifyAudit('globex', root)).toMatchObject({ ok: false, line: 1 });
  });

  it('names the line with one byte changed', async () => {
    await recordFive();
    const text = await lines();
    text[2] = text[2]!.replace('edited c', 'edited C');
    await writeLines(text);
    expect(await verifyAudit('acme', root)).toMatchObject({ ok: false, line: 3, reason: expect.stringContaining('changed') });
  });

  it('names where a line was removed, and where two lines were swapped', async () => {
    await recordFive();
    const text = await lines();
    await writeLines([text[0]!, text[2]!, text[3]!, text[4]!]);
    expect(await verifyAudit('acme', root)).toMatchObject({ ok: false, line: 2, reason: expect.stringContaining('removed') });
    await writeLines([text[0]!, text[1]!, text[3]!, text[2]!, text[4]!]);
    expect(await verifyAudit('acme', root)).toMatchObject({ ok: false, line: 3, reason: expect.stringContaining('out of order') });
  });

  it('names a changed or removed last line through the head', async () => {
    await recordFive();
    const text = await lines();
    await writeLines([...text.slice(0, 4), text[4]!.replace('ada', 'eve')]);
    expect(await verifyAudit('acme', root)).toMatchObject({ ok: false, line: 5 });
    await writeLines(text.slice(0, 4));
    expect(await verifyAudit('acme', root)).toMatchObject({ ok: false, line: 4, reason: expect.stringContaining('removed') });
  });

  it('keeps one chain when several processes append at once', async () => {
    const script = `
      import { createAuditLog } from ${JSON.stringify(path.resolve('src-main/services/audit/audit-log.ts'))};
      const log = createAuditLog({ workspace: 'acme', workspaceRoot: process.argv[1] });
      for (let i = 0; i < 20; i++) await log.record({ actor: 'p' + process.pid, action: 'run.started', target: 'run:' + i });
    `;
    await Promise.all(
      [1, 2, 3].map(
        () =>
          new Promise<void>((resolve, reject) => {
            const child = spawn(process.execPath, ['--input-type=module', '-e', script, root], { stdio: 'inherit' });
            child.once('error', reject);
            child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`appender exited ${String(code)}`))));
          }),
      ),
    );
    expect(await verifyAudit('acme', root)).toEqual({ ok: true, entries: 60 });
  });

  it('exports within bounds as CSV a spreadsheet reads safely', async () => {
    await recordFive();
    const entries = await readAuditEntries(root, { since: Date.parse('2026-12-01T09:02:00Z'), until: Date.parse('2026-12-01T09:04:00Z') });
    expect(entries.map((entry) => entry.target)).toEqual(['workflow:b', 'workflow:c', 'workflow:d']);
    const csv = auditCsv([{ ...entries[0]!, actor: '=HYPERLINK("x")', details: { note: 'a, "quoted" one' } }]);
    expect(csv.split('\r\n')[0]).toBe('seq,at,actor,action,target,details,prev');
    expect(csv.split('\r\n')[1]).toMatch(
      /^2,2026-12-01T09:02:00.000Z,"'=HYPERLINK\(""x""\)",workflow.changed,workflow:b,"\{""note"":""a, \\""quoted\\"" one""\}",[0-9a-f]{64}$/,
    );
  });
});
