// Runs every Query field of api/schema.graphql that a signed-in user can reach, with every
// argument it can fill from earlier answers, and hands each response to the caller. Generated
// from the schema at run time, so a field added later is crawled without anyone listing it.
//
// What it fills: an ID argument with every ID seen so far (and the seeds); an enum with each of
// its values; a Boolean with true and false; a `month`-like String with the months of every date
// seen plus the twelve around today; an optional input object (a filter) once per fillable field
// of it. Connections get `first: 10` so one query stays inside the API's cost budget; a query
// that is still refused for its cost is sent again with a shallower selection.
import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLUnionType,
  getNamedType,
  isNonNullType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

export interface CrawlResponse {
  data?: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface CrawlCall {
  field: string;
  query: string;
  variables: Record<string, unknown>;
  response: CrawlResponse;
}

export interface CrawlOptions {
  schema: GraphQLSchema;
  send: (query: string, variables: Record<string, unknown>) => Promise<CrawlResponse>;
  /** IDs to try from the start (e.g. a guessed ID), besides those the answers give. */
  seedIds?: string[];
  /** The day the months are counted around, YYYY-MM-DD. */
  today: string;
  /** Deepest selection tried first (it shrinks when a query costs too much). */
  maxDepth?: number;
  /** Rounds of "run everything with the IDs found so far". */
  rounds?: number;
}

export interface CrawlResult {
  calls: CrawlCall[];
  /** Query fields never run, with why (an argument nothing could fill). */
  skipped: { field: string; reason: string }[];
  ids: Set<string>;
}

const DATE = /^\d{4}-\d{2}-\d{2}/;
const PER_ARGUMENT = 200;

/** Every ID-like and date-like string anywhere in an answer. */
function harvest(value: unknown, key: string, ids: Set<string>, dates: Set<string>): void {
  if (typeof value === 'string') {
    if (key === 'id' || /Id$/.test(key)) ids.add(value);
    if (DATE.test(value)) dates.add(value.slice(0, 10));
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) harvest(item, key, ids, dates);
    return;
  }
  if (value && typeof value === 'object') {
    for (const [name, inner] of Object.entries(value)) harvest(inner, name, ids, dates);
  }
}

function monthsAround(today: string, dates: Iterable<string>): string[] {
  const months = new Set<string>();
  for (const date of dates) months.add(date.slice(0, 7));
  const [year, month] = today.split('-').map(Number) as [number, number];
  for (let offset = -12; offset <= 12; offset++) {
    const at = new Date(Date.UTC(year, month - 1 + offset, 1));
    months.add(at.toISOString().slice(0, 7));
  }
  return [...months];
}

function typeString(type: GraphQLInputType): string {
  return type.toString();
}

/** The selection of everything under `type`, `depth` object levels deep. */
function selection(type: GraphQLOutputType, depth: number, schema: GraphQLSchema): string | null {
  const named = getNamedType(type) as GraphQLNamedType;
  if (named instanceof GraphQLScalarType || named instanceof GraphQLEnumType) return '';
  if (depth <= 0) return null;
  if (named instanceof GraphQLUnionType || named instanceof GraphQLInterfaceType) {
    const members = named instanceof GraphQLUnionType ? named.getTypes() : schema.getPossibleTypes(named);
    const parts = members
      .map((member) => {
        const inner = objectFields(member, depth, schema);
        return inner ? `... on ${member.name} ${inner}` : null;
      })
      .filter((part): part is string => part !== null);
    return parts.length ? `{ __typename ${parts.join(' ')} }` : '{ __typename }';
  }
  if (named instanceof GraphQLObjectType) return objectFields(named, depth, schema);
  return null;
}

function objectFields(type: GraphQLObjectType, depth: number, schema: GraphQLSchema): string | null {
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    // Nested fields with a required argument are left out (the top level fills arguments).
    if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) continue;
    const args = field.args.some((arg) => arg.name === 'first') ? '(first: 10)' : '';
    const inner = selection(field.type, depth - 1, schema);
    if (inner === null) continue;
    parts.push(`${field.name}${args} ${inner}`.trim());
  }
  return parts.length ? `{ ${parts.join(' ')} }` : null;
}

interface Pools {
  ids: Set<string>;
  dates: Set<string>;
}

/** Values to try for one argument; `required` says whether leaving it out is an option. */
function candidates(arg: { name: string; type: GraphQLInputType }, pools: Pools, today: string): unknown[] {
  const type = isNonNullType(arg.type) ? arg.type.ofType : arg.type;
  if (type instanceof GraphQLList) {
    const inner = candidates({ name: arg.name, type: type.ofType }, pools, today);
    return inner.slice(0, PER_ARGUMENT).map((value) => [value]);
  }
  if (type instanceof GraphQLEnumType) return type.getValues().map((value) => value.name);
  if (type instanceof GraphQLScalarType) {
    switch (type.name) {
      case 'ID':
        return [...pools.ids].slice(0, PER_ARGUMENT);
      case 'Boolean':
        return [true, false];
      case 'Int':
        return [1];
      case 'Date':
        return [...pools.dates].slice(0, PER_ARGUMENT);
      case 'String':
        if (/month/i.test(arg.name)) return monthsAround(today, pools.dates);
        if (/(date|from|to|day)$/i.test(arg.name)) return [...pools.dates].slice(0, PER_ARGUMENT);
        if (/Id$/.test(arg.name)) return [...pools.ids].slice(0, PER_ARGUMENT);
        return [];
      default:
        return [];
    }
  }
  return [];
}

/** Argument sets for a root field: every required argument filled, optional ones one at a time. */
function argumentSets(
  field: GraphQLField<unknown, unknown>,
  pools: Pools,
  today: string,
): {
  sets: Record<string, unknown>[];
  missing: string | null;
} {
  const required = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
  const optional = field.args.filter((arg) => !required.includes(arg));
  let sets: Record<string, unknown>[] = [{}];
  for (const arg of required) {
    const type = (arg.type as GraphQLNonNull<GraphQLInputType>).ofType;
    let values: unknown[];
    if (type instanceof GraphQLInputObjectType) {
      values = inputObjects(type, pools, today, true);
    } else {
      values = candidates(arg, pools, today);
    }
    if (values.length === 0) return { sets: [], missing: arg.name };
    sets = sets.flatMap((set) => values.map((value) => ({ ...set, [arg.name]: value })));
  }
  const variants: Record<string, unknown>[] = [];
  for (const arg of optional) {
    if (['first', 'last', 'after', 'before'].includes(arg.name)) continue;
    const values =
      arg.type instanceof GraphQLInputObjectType
        ? inputObjects(arg.type, pools, today, false)
        : candidates(arg, pools, today);
    for (const value of values) for (const set of sets) variants.push({ ...set, [arg.name]: value });
  }
  return { sets: [...sets, ...variants], missing: null };
}

/** Input objects with one field filled at a time (all required fields filled when `complete`). */
function inputObjects(
  type: GraphQLInputObjectType,
  pools: Pools,
  today: string,
  complete: boolean,
): Record<string, unknown>[] {
  const fields = Object.values(type.getFields());
  const base: Record<string, unknown> = {};
  for (const field of fields.filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)) {
    const values = candidates(field, pools, today);
    if (values.length === 0) return [];
    base[field.name] = values[0];
  }
  const out: Record<string, unknown>[] = complete || Object.keys(base).length ? [base] : [];
  for (const field of fields) {
    if (field.name in base) continue;
    for (const value of candidates(field, pools, today)) out.push({ ...base, [field.name]: value });
  }
  return out;
}

const tooExpensive = (response: CrawlResponse): boolean =>
  !!response.errors?.some((error) =>
    ['QUERY_TOO_EXPENSIVE', 'LIST_TOO_LONG', 'TOO_MANY_ALIASES'].includes(String(error.extensions?.code)),
  );

/** Crawls the schema's Query type as the user behind `send`. */
export async function crawl(options: CrawlOptions): Promise<CrawlResult> {
  const { schema, send, today } = options;
  const maxDepth = options.maxDepth ?? 4;
  const pools: Pools = { ids: new Set(options.seedIds ?? []), dates: new Set() };
  const calls: CrawlCall[] = [];
  const skipped = new Map<string, string>();
  const tried = new Set<string>();
  const queryType = schema.getQueryType();
  if (!queryType) throw new Error('The schema has no Query type.');

  for (let round = 0; round < (options.rounds ?? 3); round++) {
    const before = pools.ids.size + pools.dates.size;
    for (const field of Object.values(queryType.getFields())) {
      const { sets, missing } = argumentSets(field, pools, today);
      if (missing) {
        skipped.set(field.name, `nothing to fill its argument "${missing}" with`);
        continue;
      }
      skipped.delete(field.name);
      for (const args of sets) {
        const key = `${field.name} ${JSON.stringify(args)}`;
        if (tried.has(key)) continue;
        tried.add(key);
        const declared = field.args.filter((arg) => arg.name in args);
        const head = declared.length
          ? `(${declared.map((arg) => `$${arg.name}: ${typeString(arg.type)}`).join(', ')})`
          : '';
        const call = declared.length
          ? `(${declared.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})`
          : '';
        const connection = field.args.some((arg) => arg.name === 'first') && !('first' in args);
        const callArgs = connection ? (call ? call.replace(/\)$/, ', first: 10)') : '(first: 10)') : call;
        for (let depth = maxDepth; depth >= 1; depth--) {
          const inner = selection(field.type, depth, schema);
          const query = `query Crawl${head} { ${field.name}${callArgs} ${inner ?? ''} }`;
          const response = await send(query, args);
          if (tooExpensive(response) && depth > 1) continue;
          calls.push({ field: field.name, query, variables: args, response });
          harvest(response.data, '', pools.ids, pools.dates);
          break;
        }
      }
    }
    if (pools.ids.size + pools.dates.size === before) break;
  }
  return {
    calls,
    skipped: [...skipped].map(([field, reason]) => ({ field, reason })),
    ids: pools.ids,
  };
}
