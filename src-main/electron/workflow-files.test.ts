import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_WORKFLOW_FILE_BYTES, readWorkflowFile, workflowFilesIn } from './workflow-files.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'operon-workflow-files-'));
  dirs.push(dir);
  return dir;
};

describe('workflowFilesIn: the files on a command line', () => {
  it('takes the .operon.json arguments, resolved against the directory the command ran in', () => {
    const argv = [
      '/opt/Operon/operon',
      '--no-sandbox',
      'triage.operon.json',
      '/abs/Report.OPERON.JSON',
      'notes.json',
      '.',
      '--x=a.operon.json',
    ];
    expect(workflowFilesIn(argv, '/home/ann')).toEqual(['/home/ann/triage.operon.json', '/abs/Report.OPERON.JSON']);
  });
});

describe('readWorkflowFile', () => {
  it('reads a workflow file', async () => {
    const file = join(await tempDir(), 'a.operon.json');
    await writeFile(file, '{"id":"a"}');
    expect(await readWorkflowFile(file)).toBe('{"id":"a"}');
  });

  it('names the file and what is wrong: missing, a folder, too large, unreadable', async () => {
    const dir = await tempDir();
    await expect(readWorkflowFile(join(dir, 'gone.operon.json'))).rejects.toThrow(`${join(dir, 'gone.operon.json')} does not exist`);
    await mkdir(join(dir, 'folder.operon.json'));
    await expect(readWorkflowFile(join(dir, 'folder.operon.json'))).rejects.toThrow('is not a file');
    const big = join(dir, 'big.operon.json');
    await writeFile(big, Buffer.alloc(MAX_WORKFLOW_FILE_BYTES + 1, 32));
    await expect(readWorkflowFile(big)).rejects.toThrow(/big\.operon\.json is 16\.0 MiB: a workflow file may be at most 16 MiB/);
    if (process.getuid?.() !== 0) {
      const locked = join(dir, 'locked.operon.json');
      await writeFile(locked, '{}');
      await chmod(locked, 0o000);
      await expect(readWorkflowFile(locked)).rejects.toThrow(`${locked} cannot be read: permission denied`);
    }
  });
});
