// `npm run schema`: writes the GraphQL contract to api/schema.graphql. The file is committed,
// and tests/api/schema.test.ts fails when it differs from what the code builds.
// `--stdout` prints it instead of writing it.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printedSchema } from '../api/src/schema/index.ts';
import { root } from './lib/paths.ts';

const text = `${printedSchema()}\n`;
if (process.argv.includes('--stdout')) {
  process.stdout.write(text);
} else {
  const target = path.join(root, 'api', 'schema.graphql');
  writeFileSync(target, text);
  console.log(`Wrote ${path.relative(root, target)}.`);
}
