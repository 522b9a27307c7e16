// Specifications of the taxonomy rules: a parent must exist and may not close a loop; used terms stay.
import { describe, expect, it } from 'vitest';
import { parentProblem, termChanged, usageProblems } from './taxonomy.policy.ts';

describe('given a category and a proposed parent', () => {
  it('when the parent exists and the category is not among its ancestors, then it is accepted', () => {
    expect(parentProblem('t-shirts', 'apparel', ['apparel'])).toBeNull();
    expect(parentProblem('v-neck', 't-shirts', ['t-shirts', 'apparel'])).toBeNull();
  });

  it('when the parent is the category itself, then it is refused', () => {
    expect(parentProblem('apparel', 'apparel', ['apparel'])?.message).toMatch(/itself/);
  });

  it('when the parent does not exist, then it is refused', () => {
    expect(parentProblem('t-shirts', 'ghost', [])).toEqual({
      field: 'parent_slug',
      message: 'is not a known category; create it first',
    });
  });

  it('when the category is an ancestor of the parent, then it is refused as a cycle', () => {
    const problem = parentProblem('apparel', 'v-neck', ['v-neck', 't-shirts', 'apparel']);
    expect(problem?.field).toBe('parent_slug');
    expect(problem?.message).toContain('apparel -> v-neck -> t-shirts -> apparel');
  });
});

describe('given a term to delete', () => {
  it('when nothing uses it, then there is no problem', () => {
    expect(usageProblems('category', { products: 0, children: 0 })).toEqual([]);
  });

  it('when products or child categories use it, then each is named', () => {
    const problems = usageProblems('category', { products: 2, children: 1 });
    expect(problems.map((p) => p.field)).toEqual(['slug', 'slug']);
    expect(problems.map((p) => p.message).join(' ')).toMatch(/2 product.*1 category/);
  });
});

describe('given a stored term and a PUT', () => {
  const term = { slug: 'a', name: 'A', parentSlug: null, createdAt: '', updatedAt: '' };
  it('when name and parent are the same, then nothing changes', () => expect(termChanged(term, 'A', null)).toBe(false));
  it('when either differs, then it changes', () => {
    expect(termChanged(term, 'B', null)).toBe(true);
    expect(termChanged(term, 'A', 'b')).toBe(true);
  });
});
