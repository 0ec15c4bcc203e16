// The embedded PostgreSQL that `npm start` and the tests run: a random password per data
// folder, nothing secret left in /tmp, and (as root) a clone in a folder the `postgres` user
// cannot enter still starts.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { canConnect, startEmbeddedPostgres } from '../../scripts/lib/database.ts';

const port = Number(process.env.RT_TEST_PG_PORT ?? 55433) + 40;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'rt-pg-test-'));
// mkdtemp makes it 0700; opened up, the clusters stay in it (and go with it) even as root, and
// only the test about a closed folder keeps its cluster under /var/lib/reform-tracker.
chmodSync(scratch, 0o755);
const asRoot = process.getuid?.() === 0;

const secretsInTmp = (): string[] =>
  readdirSync(os.tmpdir()).filter((name) => name.startsWith('pg-password-') || name.startsWith('rt-initdb-'));

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('embedded PostgreSQL', () => {
  it('creates a cluster with a random password kept in the data folder, readable by its owner only', async () => {
    const before = secretsInTmp();
    const dataDir = path.join(scratch, 'fresh');
    const database = await startEmbeddedPostgres({ dataDir, port, database: 'rt' });
    try {
      const secret = path.join(dataDir, 'postgres-password');
      expect(statSync(secret).mode & 0o077).toBe(0);
      const password = readFileSync(secret, 'utf8').trim();
      expect(password.length).toBeGreaterThanOrEqual(32);
      expect(database.url).toContain(encodeURIComponent(password));
      expect(await canConnect(database.url.replace(encodeURIComponent(password), 'postgres'))).toBe(false);
      const [settings] = await query(database.url, "SELECT current_setting('server_encoding') AS encoding");
      expect(settings?.encoding).toBe('UTF8');
    } finally {
      await database.stop();
    }
    expect(secretsInTmp()).toEqual(before);
  });

  it('replaces the fixed password of an older cluster, and refuses such a cluster in production', async () => {
    const dataDir = path.join(scratch, 'legacy');
    let database = await startEmbeddedPostgres({ dataDir, port, database: 'rt' });
    await query(database.url, "ALTER ROLE postgres PASSWORD 'postgres'");
    await database.stop();
    rmSync(path.join(dataDir, 'postgres-password'));

    await expect(startEmbeddedPostgres({ dataDir, port, database: 'rt', production: true })).rejects.toThrow(
      /still has the old fixed password/,
    );
    database = await startEmbeddedPostgres({ dataDir, port, database: 'rt' });
    try {
      expect(await canConnect(database.url)).toBe(true);
      expect(await canConnect(`postgresql://postgres:postgres@127.0.0.1:${port}/rt`)).toBe(false);
    } finally {
      await database.stop();
    }
  });

  it('a start that stopped between changing the old password and keeping the new one loses nothing', async () => {
    const dataDir = path.join(scratch, 'interrupted');
    const secret = path.join(dataDir, 'postgres-password');
    let database = await startEmbeddedPostgres({ dataDir, port, database: 'rt' });
    // What such a start leaves: the role already has the new password, kept only as `.new`.
    await query(database.url, "ALTER ROLE postgres PASSWORD 'kept-only-in-the-new-file'");
    await database.stop();
    rmSync(secret);
    writeFileSync(`${secret}.new`, 'kept-only-in-the-new-file', { mode: 0o600 });
    database = await startEmbeddedPostgres({ dataDir, port, database: 'rt' });
    try {
      expect(readFileSync(secret, 'utf8').trim()).toBe('kept-only-in-the-new-file');
      expect(existsSync(`${secret}.new`)).toBe(false);
      expect(await canConnect(database.url)).toBe(true);
    } finally {
      await database.stop();
    }
  });

  it.runIf(asRoot)('as root, starts from a folder the postgres user cannot enter (mode 0700)', async () => {
    const closed = path.join(scratch, 'closed');
    mkdirSync(closed);
    chmodSync(closed, 0o700);
    const dataDir = path.join(closed, '.data');
    const database = await startEmbeddedPostgres({ dataDir, port, database: 'rt' });
    let clusterDir: string | undefined;
    try {
      const [row] = await query(database.url, "SELECT current_setting('data_directory') AS dir");
      clusterDir = String(row?.dir);
      expect(clusterDir.startsWith('/var/lib/reform-tracker/data/')).toBe(true);
      expect(existsSync(path.join(dataDir, 'postgres-password'))).toBe(true);
    } finally {
      await database.stop();
    }
    // The next start finds the same cluster.
    const again = await startEmbeddedPostgres({ dataDir, port, database: 'rt' });
    try {
      expect(await canConnect(again.url)).toBe(true);
    } finally {
      await again.stop();
      if (clusterDir) rmSync(clusterDir, { recursive: true, force: true });
    }
  });
});
