import { describe, expect, it } from 'vitest';
import { apiSchema, checkOperations, webSources } from '../../scripts/check-web-operations.ts';

// The web app's GraphQL documents against the committed contract, as `npm run typecheck` checks them.
const schema = apiSchema();
const file = (text: string) => [{ file: 'web/src/routes/x/+page.server.ts', text }];

describe("the web app's GraphQL documents", () => {
  it('every document in web/src is valid against api/schema.graphql', () => {
    const sources = webSources();
    expect(sources.some((source) => source.text.includes('graphql(`'))).toBe(true);
    expect(checkOperations(schema, sources)).toEqual([]);
  });

  it('a field the schema does not have is reported with its file and line', () => {
    const problems = checkOperations(
      schema,
      file(
        'const A = 1;\nexport const Q = graphql(`\n  query Q {\n    me {\n      id\n      fullName\n    }\n  }\n`);\n',
      ),
    );
    expect(problems).toEqual([
      'web/src/routes/x/+page.server.ts:6: Cannot query field "fullName" on type "Viewer". Did you mean "name"?',
    ]);
  });

  it('a fragment from another file is found; a wrong argument and an undeclared variable are reported', () => {
    const problems = checkOperations(schema, [
      { file: 'a.ts', text: 'graphql(`fragment Who on Viewer { id name }`)' },
      { file: 'b.ts', text: 'graphql(`query B { me { ...Who } tasks(frist: 5) { totalCount } }`, [Who])' },
      { file: 'c.ts', text: 'graphql(`query C { notifications(first: 5, after: $after) { totalCount } }`)' },
    ]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^b\.ts:1: Unknown argument "frist" on field "Query\.tasks"/);
    expect(problems[1]).toMatch(/^c\.ts:1: Variable "\$after" is not defined by operation "C"/);
  });
});
