// The category and brand HTTP API: public reads, admin-only upserts and deletes.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { notFound, type ServiceAuth, type Sql } from '@techcorp/platform';
import type { TaxonomyCommands } from './taxonomy.commands.ts';
import type { TaxonomyTerm } from './taxonomy.policy.ts';
import {
  BrandList,
  BrandView,
  CategoryList,
  CategoryView,
  PutBrandBody,
  PutCategoryBody,
  TermParams,
} from './taxonomy.schemas.ts';
import type { TaxonomyRepository } from './taxonomy.sql.ts';

export interface TaxonomyRoutesOptions {
  sql: Sql;
  terms: TaxonomyRepository;
  commands: TaxonomyCommands;
  auth: ServiceAuth;
}

const toCategoryView = (term: TaxonomyTerm): CategoryView => ({
  slug: term.slug,
  name: term.name,
  parent_slug: term.parentSlug,
  created_at: term.createdAt,
  updated_at: term.updatedAt,
});

const toBrandView = (term: TaxonomyTerm): BrandView => ({
  slug: term.slug,
  name: term.name,
  created_at: term.createdAt,
  updated_at: term.updatedAt,
});

export const taxonomyRoutes: FastifyPluginAsyncTypebox<TaxonomyRoutesOptions> = async (app, options) => {
  const { sql, terms, commands } = options;
  const admin = options.auth.admin;

  app.get('/api/categories', { schema: { response: { 200: CategoryList } } }, async () => ({
    items: (await terms.list(sql, 'category')).map(toCategoryView),
  }));

  app.get(
    '/api/categories/:slug',
    { schema: { params: TermParams, response: { 200: CategoryView } } },
    async (request) => {
      const term = await terms.find(sql, 'category', request.params.slug);
      if (!term) throw notFound(`category ${request.params.slug} not found`);
      return toCategoryView(term);
    },
  );

  app.put(
    '/api/categories/:slug',
    {
      onRequest: admin,
      schema: { params: TermParams, body: PutCategoryBody, response: { 200: CategoryView, 201: CategoryView } },
    },
    async (request, reply) => {
      const { name, parent_slug = null } = request.body;
      const { term, created } = await commands.put('category', request.params.slug, { name, parentSlug: parent_slug });
      if (created) reply.code(201).header('location', `/api/categories/${term.slug}`);
      return toCategoryView(term);
    },
  );

  app.delete('/api/categories/:slug', { onRequest: admin, schema: { params: TermParams } }, async (request, reply) => {
    await commands.remove('category', request.params.slug);
    return reply.code(204).send();
  });

  app.get('/api/brands', { schema: { response: { 200: BrandList } } }, async () => ({
    items: (await terms.list(sql, 'brand')).map(toBrandView),
  }));

  app.get('/api/brands/:slug', { schema: { params: TermParams, response: { 200: BrandView } } }, async (request) => {
    const term = await terms.find(sql, 'brand', request.params.slug);
    if (!term) throw notFound(`brand ${request.params.slug} not found`);
    return toBrandView(term);
  });

  app.put(
    '/api/brands/:slug',
    {
      onRequest: admin,
      schema: { params: TermParams, body: PutBrandBody, response: { 200: BrandView, 201: BrandView } },
    },
    async (request, reply) => {
      const { term, created } = await commands.put('brand', request.params.slug, {
        name: request.body.name,
        parentSlug: null,
      });
      if (created) reply.code(201).header('location', `/api/brands/${term.slug}`);
      return toBrandView(term);
    },
  );

  app.delete('/api/brands/:slug', { onRequest: admin, schema: { params: TermParams } }, async (request, reply) => {
    await commands.remove('brand', request.params.slug);
    return reply.code(204).send();
  });
};
