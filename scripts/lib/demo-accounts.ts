import pg from 'pg';
import { StartupError } from './fail.ts';

/** Every demo user in prisma/seed.ts has an e-mail at this domain (reserved: no real mail). */
export const DEMO_EMAIL_DOMAIN = '@reform.demo';

/**
 * Production refuses to start while demo accounts exist: their passwords are printed by
 * `npm start` and written in the repository, so anyone could sign in with them.
 */
export async function refuseDemoAccounts(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM "User" WHERE lower("email") LIKE '%' || $1`,
      [DEMO_EMAIL_DOMAIN],
    );
    const count = rows[0]?.count ?? 0;
    if (count > 0)
      throw new StartupError(
        `NODE_ENV=production, but the database holds ${count} demo account(s) (e-mails ending in ${DEMO_EMAIL_DOMAIN}) whose passwords are public: ` +
          `delete them (DELETE FROM "User" WHERE "email" LIKE '%${DEMO_EMAIL_DOMAIN}') or use a database without demo data.`,
      );
  } finally {
    await client.end();
  }
}
