import { describe, expect, it } from 'vitest';
import { fileNameMatcher, filePatternProblem } from './file-pattern.ts';

const takes = (pattern: string, names: string[]): string[] => names.filter(fileNameMatcher(pattern));

describe('file-name patterns', () => {
  const names = ['q1.csv', 'Q2.CSV', 'q1.csv.bak', 'notes.txt', 'report-01.xlsx', 'report-1.xlsx', '~$draft.csv', 'a.tsv'];

  it('match whole names, ignoring case', () => {
    expect(takes('*', names)).toEqual(names);
    expect(takes('*.csv', names)).toEqual(['q1.csv', 'Q2.CSV', '~$draft.csv']);
    expect(takes('report-??.xlsx', names)).toEqual(['report-01.xlsx']);
    expect(takes('*.{csv,tsv}', names)).toEqual(['q1.csv', 'Q2.CSV', '~$draft.csv', 'a.tsv']);
    expect(takes('[!~]*.csv', names)).toEqual(['q1.csv', 'Q2.CSV']);
    expect(takes('q[0-9].csv', names)).toEqual(['q1.csv', 'Q2.CSV']);
  });

  it('take regex characters literally', () => {
    expect(takes('a+b (1).csv', ['a+b (1).csv', 'aab (1).csv'])).toEqual(['a+b (1).csv']);
    expect(takes('\\*.csv', ['*.csv', 'x.csv'])).toEqual(['*.csv']);
  });

  it('refuse patterns that cannot match a name, saying why', () => {
    expect(filePatternProblem('')).toMatch(/empty/);
    expect(filePatternProblem('inbox/*.csv')).toMatch(/file names only/);
    expect(filePatternProblem('[abc')).toMatch(/closing "]"/);
    expect(filePatternProblem('{a,b')).toMatch(/closing "}"/);
    expect(filePatternProblem('*.csv')).toBeUndefined();
    expect(() => fileNameMatcher('{a,{b}}')).toThrow(/nested/);
  });
});
