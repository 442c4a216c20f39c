import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, isInvalidInputCode, type ErrorCode } from './catalogue.ts';

describe('the error catalogue', () => {
  it('says which codes are invalid input (operon exits 2), and only those', () => {
    const codes = Object.keys(ERROR_CATALOGUE) as ErrorCode[];
    // Scripts branch on the exit code: a code joins this list on purpose, never by accident.
    expect(codes.filter(isInvalidInputCode).sort()).toEqual([
      'OPR-006',
      'OPR-021',
      'OPR-030',
      'OPR-120',
      'OPR-155',
      'OPR-157',
      'OPR-171',
      'OPR-173',
      'OPR-205',
      'OPR-231',
      'OPR-250',
      'OPR-251',
      'OPR-252',
      'OPR-254',
      'OPR-255',
      'OPR-257',
      'OPR-260',
      'OPR-261',
      'OPR-262',
      'OPR-263',
      'OPR-267',
      'OPR-270',
      'OPR-280',
      'OPR-300',
      'OPR-302',
    ]);
    expect(isInvalidInputCode('OPR-102')).toBe(false);
  });
});
