// Pure taxonomy rules: what a category or brand is, when a parent is acceptable, when a term may be deleted.
import type { FieldError } from '@techcorp/platform';

export type TaxonomyKind = 'category' | 'brand';

export interface TaxonomyTerm {
  slug: string;
  name: string;
  /** Categories only; always null for brands. */
  parentSlug: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TermUsage {
  products: number;
  children: number;
}

/**
 * Why `parent` cannot be the parent of category `slug`, or null when it can. `lineage` is the parent and its
 * ancestors (empty when the parent does not exist): the category may not appear in it, or the tree would loop.
 */
export function parentProblem(slug: string, parent: string, lineage: readonly string[]): FieldError | null {
  if (parent === slug) return { field: 'parent_slug', message: 'must not be the category itself' };
  if (lineage.length === 0) return { field: 'parent_slug', message: 'is not a known category; create it first' };
  const loop = lineage.indexOf(slug);
  if (loop >= 0) {
    const chain = [slug, ...lineage.slice(0, loop + 1)].join(' -> ');
    return { field: 'parent_slug', message: `would make a cycle (child -> parent): ${chain}` };
  }
  return null;
}

/** Why a term may not be deleted yet, as field errors naming what still uses it; empty when it may go. */
export function usageProblems(kind: TaxonomyKind, usage: TermUsage): FieldError[] {
  const problems: FieldError[] = [];
  if (usage.products > 0)
    problems.push({
      field: 'slug',
      message: `is the ${kind} of ${usage.products} product(s); archived ones count too, move them to another first`,
    });
  if (usage.children > 0)
    problems.push({
      field: 'slug',
      message: `is the parent of ${usage.children} categor${usage.children === 1 ? 'y' : 'ies'}; move them first`,
    });
  return problems;
}

/** Whether a PUT changes the stored term (an identical PUT leaves updated_at alone). */
export const termChanged = (current: TaxonomyTerm, name: string, parentSlug: string | null): boolean =>
  current.name !== name || current.parentSlug !== parentSlug;
