// Validates every GraphQL document of the web app (the `graphql(`…`)` tags in web/src/**/*.ts)
// against api/schema.graphql, as the API would: a field the schema no longer has, a wrong
// argument, a missing variable or an unknown fragment is an error with the file and line.
// gql.tada types each result from its document at type-check time but lets an unknown field
// through as `unknown` (its language-server plugin reports it, `tsc` does not), so
// `npm run typecheck` runs this as well. Documents live in .ts files only (not in .svelte).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  GraphQLError,
  Kind,
  NoUnusedFragmentsRule,
  parse,
  specifiedRules,
  validate,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
} from 'graphql';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface SourceFile {
  file: string;
  text: string;
}

interface Found {
  file: string;
  line: number;
  document: DocumentNode;
}

const TAG = /\bgraphql\(\s*`([^`]*)`/g;

/** The problems of the documents in `files`, one line each ("file:line: message"); none is []. */
export function checkOperations(schema: GraphQLSchema, files: SourceFile[]): string[] {
  const problems: string[] = [];
  const found: Found[] = [];
  for (const { file, text } of files) {
    for (const match of text.matchAll(TAG)) {
      const line = text.slice(0, match.index).split('\n').length;
      const body = match[1]!;
      if (body.includes('${')) {
        problems.push(`${file}:${line}: pass fragments as gql.tada's second argument, not as \${…}`);
        continue;
      }
      try {
        found.push({ file, line, document: parse(body) });
      } catch (error) {
        problems.push(`${file}:${line}: ${(error as GraphQLError).message}`);
      }
    }
  }
  const fragments = new Map<string, FragmentDefinitionNode & { at: string }>();
  for (const { file, line, document } of found) {
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.FRAGMENT_DEFINITION) continue;
      const name = definition.name.value;
      const earlier = fragments.get(name);
      if (earlier) problems.push(`${file}:${line}: fragment ${name} is also defined at ${earlier.at}`);
      else fragments.set(name, { ...definition, at: `${file}:${line}` });
    }
  }
  /** The definitions of `document` and every fragment it spreads, however deep. */
  const withFragments = (document: DocumentNode): DocumentNode => {
    const own = new Set(
      document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [d.name.value] : [])),
    );
    const added = new Map<string, FragmentDefinitionNode>();
    const spreadIn = (node: DocumentNode | FragmentDefinitionNode) =>
      visit(node, {
        FragmentSpread(spread) {
          const name = spread.name.value;
          const fragment = fragments.get(name);
          if (own.has(name) || added.has(name) || !fragment) return;
          added.set(name, fragment);
          spreadIn(fragment);
        },
      });
    spreadIn(document);
    return { ...document, definitions: [...document.definitions, ...added.values()] };
  };
  for (const { file, line, document } of found) {
    const operation = document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION);
    // A fragment document is checked on its own; its spreads are checked with the operations.
    const rules = operation
      ? specifiedRules
      : specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule);
    for (const error of validate(schema, withFragments(document), rules)) {
      const at = error.locations?.[0];
      problems.push(`${file}:${line + (at ? at.line - 1 : 0)}: ${error.message}`);
    }
  }
  return problems;
}

/** The .ts files under `dir`, without generated code. */
export function webSources(dir = path.join(root, 'web', 'src')): SourceFile[] {
  const files: SourceFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (!entry.isFile() || !file.endsWith('.ts') || file.endsWith('.d.ts')) continue;
    if (file.includes(`${path.sep}paraglide${path.sep}`)) continue;
    files.push({ file: path.relative(root, file), text: readFileSync(file, 'utf8') });
  }
  return files;
}

export const apiSchema = () => buildSchema(readFileSync(path.join(root, 'api', 'schema.graphql'), 'utf8'));

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const sources = webSources();
  const problems = checkOperations(apiSchema(), sources);
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) {
    console.error(`${problems.length} problem(s) in the web app's GraphQL documents (api/schema.graphql).`);
    process.exit(1);
  }
}
