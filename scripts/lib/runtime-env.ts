import { defaultDataDir } from './paths.ts';
import { startEmbeddedPostgres } from './database.ts';

/** Port of the embedded PostgreSQL; not 5432, which a system PostgreSQL may hold. */
export const embeddedPgPort = Number(process.env.RT_PG_PORT ?? 55432);
export const dataDir = process.env.RT_DATA_DIR ?? defaultDataDir;

/**
 * Runs `work` against DATABASE_URL, or against the embedded PostgreSQL under .data/
 * (started for the duration and stopped afterwards) when DATABASE_URL is unset.
 */
export async function withDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const configured = process.env.DATABASE_URL;
  if (configured) return work(configured);
  const database = await startEmbeddedPostgres({ dataDir, port: embeddedPgPort });
  try {
    return await work(database.url);
  } finally {
    await database.stop();
  }
}
