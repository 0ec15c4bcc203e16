import { PothosValidationError } from '@pothos/core';
import { complexityFromQuery, type FieldComplexityValue } from '@pothos/plugin-complexity';
import {
  GraphQLError,
  Kind,
  type DefinitionNode,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin as YogaPlugin } from 'graphql-yoga';
import type { Context } from './context.ts';
import { localeFrom, translate, type Locale, type MessageKey } from './messages.ts';
import { readBodyWithin } from './read-body.ts';

/*
 * What one GraphQL request may cost. README "API limits" lists these figures and what the
 * web pages cost under them; tests/api/limits.test.ts holds them to it.
 *
 * Cost model (Pothos complexity plugin): every field costs 1; a list multiplies the cost of
 * what is selected inside it by the most rows it can return: a connection by its `first` /
 * `last` (or the default page size), `units` and `unitProgress` by MAX_UNITS, other short
 * lists by 10. A connection's own field costs 2 (its page query and its count).
 */
export const QUERY_COST_BUDGET = 25_000;
/** Rows a connection returns without `first` / `last`. */
export const DEFAULT_PAGE_SIZE = 50;
/** Most rows one connection page may ask for; more is refused with PAGE_TOO_LARGE, never clamped. */
export const MAX_PAGE_SIZE = 200;
/** Most live units a viewer can reach (a province has a few hundred); more is refused with LIST_TOO_LONG. */
export const MAX_UNITS = 1000;
/** Short lists bounded by their data (reform areas, a viewer's roles, input issues). */
export const SHORT_LIST = 10;
/** Aliases in one operation, every field counted, `__typename` too. */
export const MAX_ALIASES = 15;
/** Times one response key may be selected in one selection set (through fragments too). */
export const MAX_REPEATED_FIELD = 5;
/** Largest request body for /graphql; uploads get a route of their own. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Codes of the refusals above; clients can rely on them. */
export const LIMIT_CODES = [
  'QUERY_TOO_EXPENSIVE',
  'PAGE_TOO_LARGE',
  'TOO_MANY_ALIASES',
  'REPEATED_FIELD',
  'LIST_TOO_LONG',
  'PAYLOAD_TOO_LARGE',
  'BAD_CURSOR',
] as const;
export type LimitCode = (typeof LIMIT_CODES)[number];

function message(locale: Locale, key: MessageKey, params: Record<string, string | number>): string {
  return Object.entries(params).reduce(
    (text, [name, value]) => text.replaceAll(`{${name}}`, String(value)),
    translate(locale, key),
  );
}

/** A refusal of the whole request, in the viewer's language, with the limit in `extensions`. */
export function limitError(
  locale: Locale,
  code: LimitCode,
  key: MessageKey,
  params: Record<string, string | number>,
  status = 400,
): GraphQLError {
  return new GraphQLError(message(locale, key, params), {
    extensions: { code, ...params, http: { status } },
  });
}

// Types are read by shape, not with graphql-js's `instanceof` helpers: under Vite the schema's
// graphql-js (CommonJS) and this file's (ESM) can be two copies.
const isList = (type: unknown): boolean => /^\[/.test(String(type));
interface MaybeWrapped {
  ofType?: MaybeWrapped;
  name?: string;
}
function namedType(type: unknown): string {
  let inner = type as MaybeWrapped;
  while (inner.ofType) inner = inner.ofType;
  return inner.name ?? '';
}

/**
 * The page size a connection field asks for: `first`, `last` or the default. Over the maximum
 * (or negative) it refuses the request, naming the argument and the maximum.
 */
/** Cursors are the Prisma plugin's (`GPC:` in base64); anything else is refused by name, not with a 500. */
function checkCursors(args: Record<string, unknown>, locale: Locale): void {
  for (const argument of ['after', 'before'] as const) {
    const value = args[argument];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' && Buffer.from(value, 'base64').toString('utf8').startsWith('GPC:'))
      continue;
    throw new PothosValidationError(message(locale, 'limits.badCursor', { argument }), {
      extensions: { code: 'BAD_CURSOR', argument, http: { status: 400 } },
    });
  }
}

function pageSize(args: Record<string, unknown>, locale: Locale): number {
  checkCursors(args, locale);
  let size: number | undefined;
  for (const argument of ['first', 'last'] as const) {
    const value = args[argument];
    if (typeof value !== 'number') continue;
    if (value < 0 || value > MAX_PAGE_SIZE) {
      throw new PothosValidationError(
        message(locale, 'limits.pageTooLarge', { argument, max: MAX_PAGE_SIZE, value }),
        { extensions: { code: 'PAGE_TOO_LARGE', argument, max: MAX_PAGE_SIZE, http: { status: 400 } } },
      );
    }
    size = Math.max(size ?? 0, value);
  }
  return size ?? DEFAULT_PAGE_SIZE;
}

/** The builder's `fieldComplexity`: the cost of a field without a `complexity` of its own. */
export function fieldComplexity(
  args: Record<string, unknown>,
  context: { locale?: Locale },
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any context type
  field: GraphQLField<unknown, any>,
): FieldComplexityValue {
  const typeName = namedType(field.type);
  // Connections: the rows of a page multiply what is selected in them.
  if (typeName.endsWith('Connection') && field.args.some((arg) => arg.name === 'first')) {
    return { field: 2, multiplier: pageSize(args, context.locale ?? 'vi') };
  }
  // Inside a connection, edges are already counted by the page size; pageInfo and the count
  // are part of the connection's own cost.
  if (typeName.endsWith('Edge') || typeName.endsWith('ConnectionEdge')) return { field: 0, multiplier: 1 };
  if (typeName === 'PageInfo') return { field: 0, multiplier: 0 };
  if (field.name === 'totalCount') return 0;
  if (isList(field.type)) return { field: 1, multiplier: SHORT_LIST };
  return 1;
}

/** Response keys selected in a selection set, through inline fragments and fragment spreads. */
function responseKeys(
  selectionSet: SelectionSetNode,
  fragments: Map<string, SelectionSetNode>,
  memo: Map<SelectionSetNode, Map<string, number>>,
): Map<string, number> {
  const known = memo.get(selectionSet);
  if (known) return known;
  const keys = new Map<string, number>();
  memo.set(selectionSet, keys); // a cycle (already refused by validation) counts as empty
  const add = (key: string, count: number) => keys.set(key, (keys.get(key) ?? 0) + count);
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      add((selection.alias ?? selection.name).value, 1);
      continue;
    }
    const inner =
      selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments.get(selection.name.value);
    if (inner) for (const [key, count] of responseKeys(inner, fragments, memo)) add(key, count);
  }
  return keys;
}

/**
 * Aliases and repeated fields in an operation, every field counted (`__typename` too):
 * the largest number of times one key is selected in one selection set, and all aliases
 * (a fragment counts as often as it is spread).
 */
function aliasesAndRepeats(document: DocumentNode, operationName: string | null | undefined) {
  const fragments = new Map<string, SelectionSetNode>();
  const operations = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition.selectionSet);
    if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
  }
  const operation = operations.find((op) => !operationName || op.name?.value === operationName);
  const keysMemo = new Map<SelectionSetNode, Map<string, number>>();
  const aliasMemo = new Map<SelectionSetNode, number>();
  let repeated = { key: '', count: 0 };
  const aliases = (selectionSet: SelectionSetNode): number => {
    const known = aliasMemo.get(selectionSet);
    if (known !== undefined) return known;
    aliasMemo.set(selectionSet, 0);
    for (const [key, count] of responseKeys(selectionSet, fragments, keysMemo)) {
      if (count > repeated.count) repeated = { key, count };
    }
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) total += 1;
        if (selection.selectionSet) total += aliases(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += aliases(selection.selectionSet);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment) total += aliases(fragment);
      }
      if (total > MAX_ALIASES * 1000) break; // enough to refuse; stop counting a fragment bomb
    }
    aliasMemo.set(selectionSet, total);
    return total;
  };
  const total = operation ? aliases(operation.selectionSet) : 0;
  return { aliases: total, repeated };
}

/** The selected operation with the fragments, as a document of its own (the first operation is measured). */
function selectedOperation(
  document: DocumentNode,
  operationName: string | null | undefined,
): DocumentNode | null {
  const operations = document.definitions.filter((def) => def.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName
    ? operations.find((def) => def.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation) return null; // GraphQL's own execution reports it
  const fragments: DefinitionNode[] = document.definitions.filter(
    (def) => def.kind === Kind.FRAGMENT_DEFINITION,
  );
  return { ...document, definitions: [operation, ...fragments] };
}

const limitCodeOf = (error: unknown): LimitCode | undefined => {
  const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  return typeof code === 'string' && (LIMIT_CODES as readonly string[]).includes(code)
    ? (code as LimitCode)
    : undefined;
};

/** Whether an error is one of these refusals (for error masking, which checks by code). */
export const isLimitError = (error: unknown): boolean =>
  !!limitCodeOf(error) || !!limitCodeOf((error as { originalError?: unknown } | null)?.originalError);

/**
 * The price of a selection set when the complexity plugin cannot compute one: the plugin maps
 * (and so validates) every field's arguments, and one field with invalid input makes it throw.
 * Invalid input must not make the rest of the operation free, so this walk prices every field
 * by fieldComplexity without its arguments, and every connection at the largest page.
 */
function worstCaseCost(
  schema: GraphQLSchema,
  selectionSet: SelectionSetNode,
  typeName: string,
  fragments: Map<string, SelectionSetNode & { typeCondition?: string }>,
  locale: Locale,
  depth = 0,
): number {
  if (depth > 50) return QUERY_COST_BUDGET + 1; // validation refuses such depth anyway
  const type = schema.getType(typeName) as {
    getFields?: () => Record<string, GraphQLField<unknown, unknown>>;
  };
  const fields = type?.getFields?.() ?? {};
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const field = fields[selection.name.value];
      if (!field) continue; // __typename and friends, or an unknown field validation reports
      const price = fieldComplexity({}, { locale }, field);
      const own = typeof price === 'number' ? price : (price.field ?? 1);
      let multiplier = typeof price === 'number' ? 1 : (price.multiplier ?? 1);
      if (namedType(field.type).endsWith('Connection') && field.args.some((arg) => arg.name === 'first')) {
        multiplier = MAX_PAGE_SIZE;
      }
      const inner = selection.selectionSet
        ? worstCaseCost(schema, selection.selectionSet, namedType(field.type), fragments, locale, depth + 1)
        : 0;
      total += own + inner * Math.max(multiplier, 0);
    } else {
      const fragment =
        selection.kind === Kind.INLINE_FRAGMENT
          ? { ...selection.selectionSet, typeCondition: selection.typeCondition?.name.value }
          : fragments.get(selection.name.value);
      if (fragment) {
        total += worstCaseCost(
          schema,
          fragment,
          fragment.typeCondition ?? typeName,
          fragments,
          locale,
          depth + 1,
        );
      }
    }
    if (total > QUERY_COST_BUDGET * 10) return total; // enough to refuse
  }
  return total;
}

/**
 * What an operation costs under the cost model (tests and the README figures use it too).
 * Throws a PAGE_TOO_LARGE error for a page over the maximum; null when there is no operation
 * to measure (an unknown operation name, which GraphQL's own execution then reports). When an
 * argument is invalid (which execution reports as a typed error), the operation is priced at
 * its worst case rather than not at all.
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
  locale: Locale = 'en',
  operationName?: string | null,
): number | null {
  const selected = selectedOperation(document, operationName);
  if (!selected) return null;
  try {
    return complexityFromQuery(selected, { schema, ctx: { locale }, variables }).complexity;
  } catch (error) {
    if (limitCodeOf(error)) throw error;
    const [operation, ...rest] = selected.definitions;
    if (operation?.kind !== Kind.OPERATION_DEFINITION) return null;
    const fragments = new Map<string, SelectionSetNode & { typeCondition?: string }>();
    for (const definition of rest) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        fragments.set(definition.name.value, {
          ...definition.selectionSet,
          typeCondition: definition.typeCondition.name.value,
        });
      }
    }
    const root = schema.getRootType(operation.operation);
    return root ? worstCaseCost(schema, operation.selectionSet, root.name, fragments, locale) : null;
  }
}

/** The refusals of one operation before anything of it runs; empty when it may run. */
export function checkOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName: string | null | undefined,
  locale: Locale,
): GraphQLError[] {
  const { aliases, repeated } = aliasesAndRepeats(document, operationName);
  if (aliases > MAX_ALIASES) {
    return [
      limitError(locale, 'TOO_MANY_ALIASES', 'limits.tooManyAliases', { max: MAX_ALIASES, found: aliases }),
    ];
  }
  if (repeated.count > MAX_REPEATED_FIELD) {
    return [
      limitError(locale, 'REPEATED_FIELD', 'limits.repeatedField', {
        field: repeated.key,
        max: MAX_REPEATED_FIELD,
        found: repeated.count,
      }),
    ];
  }
  let cost: number | null;
  try {
    cost = queryCost(schema, document, variables, locale, operationName);
  } catch (error) {
    return [error as GraphQLError];
  }
  if (cost !== null && cost > QUERY_COST_BUDGET) {
    return [
      limitError(locale, 'QUERY_TOO_EXPENSIVE', 'limits.tooExpensive', { cost, max: QUERY_COST_BUDGET }),
    ];
  }
  return [];
}

/**
 * Refuses, before anything runs, an operation over the cost budget, with a page larger than
 * MAX_PAGE_SIZE, or with too many aliases or repeated fields. Runs at execution rather than as
 * a validation rule: the answer depends on the variables and the viewer's language, and Yoga
 * caches validation by document.
 */
export function useQueryLimits(): YogaPlugin<Context> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const { schema, document, variableValues, operationName, contextValue } = args as ExecutionArgs;
      const errors = checkOperation(
        schema,
        document,
        variableValues ?? {},
        operationName,
        (contextValue as Partial<Context>).locale ?? 'vi',
      );
      if (errors.length) setResultAndStopExecution({ errors });
    },
  };
}

function readCookie(header: string | null, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** The request's language before the session is read (the body comes before the context). */
const requestLocale = (request: Request): Locale =>
  localeFrom(request.headers.get('accept-language'), readCookie(request.headers.get('cookie'), 'rt_locale'));

function tooLarge(request: Request): GraphQLError {
  return limitError(
    requestLocale(request),
    'PAYLOAD_TOO_LARGE',
    'limits.bodyTooLarge',
    { max: `${MAX_BODY_BYTES / 1024 / 1024} MB`, maxBytes: MAX_BODY_BYTES },
    413,
  );
}

/** The body, read up to the limit; a larger one (announced or streamed) is refused with 413. */
async function readLimited(request: Request): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = request.headers.get('content-length');
  if (declared !== null && !/^\d+$/.test(declared)) {
    throw new GraphQLError('Content-Length header is invalid.', {
      extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
    });
  }
  const hasBody = request.body !== null;
  const body = await readBodyWithin(request, MAX_BODY_BYTES, () => tooLarge(request));
  return hasBody ? body : null;
}

/**
 * Bodies over MAX_BODY_BYTES get 413 "request too large" instead of Yoga's "POST body sent
 * invalid JSON": the body is read here within the limit, then handed to Yoga's own parser.
 */
export function useBodyLimit(): YogaPlugin<Context> {
  return {
    onRequestParse({ request, requestParser, setRequestParser }) {
      if (!requestParser || request.method !== 'POST') return;
      setRequestParser(async (original) => {
        const body = await readLimited(original);
        return requestParser(
          new Request(original.url, { method: original.method, headers: original.headers, body }),
        );
      });
    },
  };
}
