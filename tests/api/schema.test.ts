// The committed GraphQL contract (api/schema.graphql) is what clients and reviewers read; it
// must be exactly what the Pothos code builds.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { printedSchema } from '../../api/src/schema/index.ts';
import { root } from '../../scripts/lib/paths.ts';

describe('api/schema.graphql', () => {
  it('matches the schema the code builds (run `npm run schema` after changing it)', () => {
    const committed = readFileSync(path.join(root, 'api', 'schema.graphql'), 'utf8');
    expect(committed).toBe(`${printedSchema()}\n`);
  });
});
