import { expect, it } from 'vitest';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { storage } from './storage.ts';

it('retries a failed write once, then reports OPR-142', async () => {
  let calls = 0;
  const flaky = (): Promise<string> => (++calls === 1 ? Promise.reject(new Error('io')) : Promise.resolve('ok'));
  expect(await storage('writing', flaky, { retry: true })).toBe('ok');
  expect(calls).toBe(2);
  calls = 0;
  const broken = (): Promise<never> => (++calls, Promise.reject(new Error('disk full')));
  const error = await storage('writing', broken, { retry: true }).catch((reason: unknown) => reason);
  expect(calls).toBe(2);
  expect(error).toBeInstanceOf(OperonError);
  expect((error as OperonError).code).toBe('OPR-142');
  expect((error as OperonError).message).toBe('memory storage failed while writing: disk full');
  calls = 0;
  await expect(storage('reading', broken)).rejects.toThrow(/OPR-142|disk full/);
  expect(calls).toBe(1);
});
