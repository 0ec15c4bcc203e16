// The committed GraphQL contract (api/schema.graphql) is what clients and reviewers read; it
// must be exactly what the Pothos code builds. Built in a process of its own: under Vitest,
// graphql loads once as ESM and once as CommonJS, and printSchema refuses to mix them.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../../scripts/lib/paths.ts';

describe('api/schema.graphql', () => {
  it('matches the schema the code builds (run `npm run schema` after changing it)', () => {
    const built = execFileSync(
      path.join(root, 'node_modules/.bin/tsx'),
      [path.join(root, 'scripts/print-schema.ts'), '--stdout'],
      { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'development' } },
    );
    const committed = readFileSync(path.join(root, 'api', 'schema.graphql'), 'utf8');
    expect(committed).toBe(built);
  });
});
