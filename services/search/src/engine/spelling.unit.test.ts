// Typo correction rules: the most similar known term within the allowed edits, ties by usage.
import { describe, expect, it } from 'vitest';
import { allowedEdits, chooseCorrection, editDistance } from './spelling.ts';

describe('edit distance (optimal string alignment)', () => {
  it.each([
    ['tshrit', 'tshirt', 1],
    ['jeens', 'jeans', 1],
    ['blu', 'blue', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['same', 'same', 0],
  ])('%s -> %s = %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });

  it('allows no edit up to 2 characters, 1 up to 5, 2 beyond (fuzziness AUTO)', () => {
    expect([2, 3, 5, 6, 12].map(allowedEdits)).toEqual([0, 1, 1, 2, 2]);
  });
});

describe('choosing a correction', () => {
  const candidate = (term: string, similarity: number, docCount = 1) => ({ term, similarity, docCount });

  it('takes the most similar candidate within the allowed edits', () => {
    const candidates = [candidate('tshirts', 0.25), candidate('tshirt', 0.27), candidate('shirt', 0.1)];
    expect(chooseCorrection('tshrit', candidates, 0.25)).toBe('tshirt');
  });

  it('breaks a similarity tie by document count, then alphabetically', () => {
    expect(chooseCorrection('jeens', [candidate('teens', 0.33, 1), candidate('jeans', 0.33, 9)], 0.3)).toBe('jeans');
    expect(chooseCorrection('jeens', [candidate('teens', 0.33, 2), candidate('jeans', 0.33, 2)], 0.3)).toBe('jeans');
  });

  it('refuses candidates below the similarity bar or beyond the allowed edits', () => {
    expect(chooseCorrection('blu', [candidate('bluetooth', 0.27)], 0.25)).toBeNull();
    expect(chooseCorrection('blu', [candidate('blue', 0.2)], 0.25)).toBeNull();
  });

  it('never corrects short words or numbers', () => {
    expect(chooseCorrection('xl', [candidate('xs', 0.5)], 0.25)).toBeNull();
    expect(chooseCorrection('4200', [candidate('4201', 0.6)], 0.25)).toBeNull();
  });
});
