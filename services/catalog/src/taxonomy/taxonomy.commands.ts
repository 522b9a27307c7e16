// Category and brand writes: upsert by slug (no cycles among categories) and delete only when nothing uses the term.
import { AppError, notFound, type Sql, unprocessable } from '@techcorp/platform';
import { parentProblem, type TaxonomyKind, type TaxonomyTerm, termChanged, usageProblems } from './taxonomy.policy.ts';
import { type TaxonomyRepository, TermInUseError } from './taxonomy.sql.ts';

export type TaxonomyWriteOutcome = 'created' | 'updated' | 'unchanged' | 'deleted';

export interface TaxonomyCommandsDeps {
  sql: Sql;
  terms: TaxonomyRepository;
  afterCommit: (kind: TaxonomyKind, outcome: TaxonomyWriteOutcome) => void;
}

export interface TermInput {
  name: string;
  /** Categories only. */
  parentSlug: string | null;
}

export interface TaxonomyCommands {
  put(kind: TaxonomyKind, slug: string, input: TermInput): Promise<{ term: TaxonomyTerm; created: boolean }>;
  remove(kind: TaxonomyKind, slug: string): Promise<void>;
}

const inUse = (kind: TaxonomyKind, slug: string, errors: { field: string; message: string }[]) =>
  new AppError(409, 'conflict', `${kind} ${slug} is still in use`, errors);

export function createTaxonomyCommands({ sql, terms, afterCommit }: TaxonomyCommandsDeps): TaxonomyCommands {
  return {
    async put(kind, slug, { name, parentSlug }) {
      const { term, outcome } = await sql.transaction(async (tx) => {
        await terms.lockWriters(tx, kind);
        if (kind === 'category' && parentSlug !== null) {
          const problem = parentProblem(slug, parentSlug, await terms.lineage(tx, parentSlug));
          if (problem) throw unprocessable(`category ${parentSlug} cannot be the parent of ${slug}`, [problem]);
        }
        const current = await terms.find(tx, kind, slug, true);
        if (!current)
          return { term: await terms.insert(tx, kind, { slug, name, parentSlug }), outcome: 'created' as const };
        if (!termChanged(current, name, parentSlug)) return { term: current, outcome: 'unchanged' as const };
        return { term: await terms.update(tx, kind, { slug, name, parentSlug }), outcome: 'updated' as const };
      });
      afterCommit(kind, outcome);
      return { term, created: outcome === 'created' };
    },

    async remove(kind, slug) {
      try {
        await sql.transaction(async (tx) => {
          await terms.lockWriters(tx, kind);
          // The row lock also waits for product writes that reference the term (their key-share locks) to finish.
          if (!(await terms.find(tx, kind, slug, true))) throw notFound(`${kind} ${slug} not found`);
          const problems = usageProblems(kind, await terms.usage(tx, kind, slug));
          if (problems.length > 0) throw inUse(kind, slug, problems);
          await terms.remove(tx, kind, slug);
        });
      } catch (error) {
        if (error instanceof TermInUseError) throw inUse(kind, slug, [{ field: 'slug', message: 'is still in use' }]);
        throw error;
      }
      afterCommit(kind, 'deleted');
    },
  };
}
