// Runs once before all test files: a PostgreSQL server (TEST_DATABASE_URL's, or an
// embedded one under .data/test-postgres) holding a migrated template database that each
// test file copies, and the paths of the Temporal binaries.
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { startEmbeddedPostgres, ensureDatabase } from '../../scripts/lib/database.ts';
import { applyMigrations } from '../../scripts/lib/migrations.ts';
import { defaultDataDir } from '../../scripts/lib/paths.ts';
import { findOrInstall, temporalCli, temporalTestServer } from '../../scripts/lib/tools.ts';
import path from 'node:path';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
    temporalCliPath: string | null;
    temporalTestServerPath: string | null;
  }
}

// One template per test run, so two runs against the same server (TEST_DATABASE_URL) do not
// rebuild each other's template.
const TEMPLATE_DATABASE = `rt_test_template_${process.pid}`;

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let serverUrl = process.env.TEST_DATABASE_URL;
  let stop = (): Promise<void> => Promise.resolve();
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({
      dataDir: path.join(defaultDataDir, 'test'),
      port: Number(process.env.RT_TEST_PG_PORT ?? 55433),
      database: 'postgres',
    });
    serverUrl = embedded.url;
    stop = () => embedded.stop();
  }
  const templateUrl = new URL(serverUrl);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  // Rebuild the template every run so it always matches the committed migrations.
  await dropDatabase(serverUrl, TEMPLATE_DATABASE);
  await ensureDatabase(templateUrl.toString());
  await applyMigrations(templateUrl.toString());

  project.provide('templateDatabaseUrl', templateUrl.toString());
  project.provide('temporalCliPath', findOrInstall(temporalCli) ?? null);
  project.provide('temporalTestServerPath', findOrInstall(temporalTestServer) ?? null);
  const server = serverUrl;
  return async () => {
    await dropDatabase(server, TEMPLATE_DATABASE);
    await stop();
  };
}
