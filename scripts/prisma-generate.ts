// Runs `prisma generate` (npm postinstall). Generating needs no schema engine, but the
// Prisma CLI insists on locating one and would download it; machines without access to
// Prisma's binary host fail there. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing
// file satisfies the check; migrations run through @prisma/schema-engine-wasm instead
// (scripts/lib/migrations.ts).
import { spawnSync } from 'node:child_process';

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
const result = spawnSync('prisma', ['generate'], { stdio: 'inherit', env, shell: false });
if (result.error) {
  console.error(`Could not run prisma generate: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
