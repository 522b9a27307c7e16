// Request validation: ajv as Fastify configures it, except that bodies are never type-coerced nor silently trimmed.
//
// Fastify's defaults (coerceTypes 'array', removeAdditional true) would accept {"quantity":"5"} as 5 and quietly drop
// unknown properties. For a commerce API both hide client bugs, so:
// - body: coerceTypes false ("5" is not a quantity), removeAdditional false (a property the schema forbids with
//   additionalProperties:false is rejected with its name, not dropped; schemas that allow extra properties keep them);
// - querystring, params, headers: arrive as strings, so they keep Fastify's coercion ('array' turns ?a=1 into [1]);
// - useDefaults as Fastify; allErrors stays false as Fastify advises (reporting every error of a hostile payload costs
//   CPU), so a response names the first invalid field of each part.
import { Ajv, type ErrorObject, type Options, type Plugin } from 'ajv';
import * as ajvFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { FieldError } from '../errors.ts';

// ajv-formats is CommonJS with a default export; depending on the loader the function sits at one of these places.
const formatsModule = ajvFormats as unknown as { default?: Plugin<unknown> | { default?: Plugin<unknown> } };
const addFormats = (
  typeof formatsModule.default === 'function' ? formatsModule.default : formatsModule.default?.default
) as Plugin<unknown>;

const BASE: Options = { useDefaults: true, removeAdditional: false, addUsedSchema: false, allErrors: false };

function makeAjv(coerceTypes: Options['coerceTypes'], externalSchemas: Record<string, unknown>): Ajv {
  const ajv = new Ajv({ ...BASE, coerceTypes });
  addFormats(ajv);
  for (const schema of Object.values(externalSchemas)) ajv.addSchema(schema as object);
  return ajv;
}

/** Fastify `schemaController.compilersFactory.buildValidator`: one ajv for bodies, one for everything else. */
export function buildValidator(externalSchemas: Record<string, unknown>): FastifySchemaCompiler<unknown> {
  const strict = makeAjv(false, externalSchemas);
  const coercing = makeAjv('array', externalSchemas);
  return ({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? strict : coercing;
    const id = (schema as { $id?: string }).$id;
    // ajv refuses to compile a second schema with the same $id; reuse the first.
    const known = id ? ajv.getSchema(id) : undefined;
    return known ?? ajv.compile(schema as object);
  };
}

const MAX_FIELD_ERRORS = 20;
const GENERIC = new Set(['anyOf', 'oneOf', 'if']);

/** Turns ajv errors into `{ field, message }`, field as a dotted path (`items.0.quantity`), one entry per field. */
export function fieldErrors(errors: readonly ErrorObject[], part: string): FieldError[] {
  const byField = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    const field = fieldOf(error, part);
    byField.set(field, [...(byField.get(field) ?? []), error]);
  }
  const out: FieldError[] = [];
  for (const [field, fieldErrors] of byField) {
    // "must match a schema in anyOf" says nothing that the branch errors beside it do not.
    const specific = fieldErrors.filter((e) => !GENERIC.has(e.keyword));
    const messages = new Set((specific.length > 0 ? specific : fieldErrors).map(messageOf));
    out.push({ field, message: [...messages].join(' or ') });
  }
  return out.slice(0, MAX_FIELD_ERRORS);
}

function fieldOf(error: ErrorObject, part: string): string {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  if (error.keyword === 'required' || error.keyword === 'dependentRequired')
    segments.push(String(params.missingProperty));
  if (error.keyword === 'additionalProperties') segments.push(String(params.additionalProperty));
  return segments.length > 0 ? segments.join('.') : part;
}

function messageOf(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
    case 'dependentRequired':
      return 'is required';
    case 'additionalProperties':
      return 'is not allowed';
    case 'enum': {
      const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues ?? [];
      return `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    default:
      return error.message ?? 'is invalid';
  }
}
