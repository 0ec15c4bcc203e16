import { isIPv6 } from 'node:net';
import { Prisma, type PrismaClient } from '../../prisma/client.ts';

/**
 * How many sign-in attempts each key may use per window. Counted per account on one
 * address (a person mistyping), per account from anywhere (guessing one account from many
 * addresses) and per address (one machine trying many accounts). A province office sits
 * behind one address: its limit is high, so one official's typos never lock out colleagues.
 */
export const LOGIN_LIMITS = {
  pair: 5,
  account: 20,
  address: 100,
  windowMs: 15 * 60 * 1000,
} as const;

export type LoginLimits = { [kind in 'pair' | 'account' | 'address']: number } & { windowMs: number };
type Kind = 'pair' | 'account' | 'address';

export interface LoginAttempt {
  /** The e-mail as typed; compared trimmed and in lower case. */
  email: string;
  /** The client address as the web layer saw it (see ADDRESS_HEADER in the README). */
  address: string;
}

/**
 * One client for the throttle: an IPv4 address, or an IPv6 /64 network. A device's IPv6
 * privacy addresses change inside its /64, and whoever holds a /64 holds 2^64 addresses, so
 * counting single IPv6 addresses would not count anything.
 */
export function clientKey(address: string): string {
  const plain = address.replace(/%.*$/, '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  if (!isIPv6(plain)) return plain;
  const [left = '', right] = plain.split('::');
  const groups = (part: string) =>
    part ? part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : [];
  const head = groups(left);
  const tail = right === undefined ? [] : groups(right);
  const full = [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail];
  return `${full
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

// Timestamps go to PostgreSQL as UTC text cast to `timestamp`, the way Prisma stores them.
const utc = (time: Date): string => time.toISOString();

/**
 * Sign-in throttling shared by every web process through PostgreSQL. Each attempt is
 * counted against its three keys *before* the password is checked, in one
 * INSERT … ON CONFLICT … DO UPDATE … RETURNING statement, so parallel attempts cannot slip
 * past the limit between a read and a write. A successful sign-in gives its attempt back.
 */
export class LoginThrottle {
  constructor(
    private readonly prisma: PrismaClient,
    readonly limits: LoginLimits = LOGIN_LIMITS,
  ) {}

  private keys({ email, address }: LoginAttempt): Record<Kind, string> {
    const account = email.trim().toLowerCase();
    const client = clientKey(address);
    return { pair: `${account} ${client}`, account, address: client };
  }

  /**
   * Counts one attempt; false when any of its keys is over its limit for this window. The
   * account and the address are counted only while the person's own count on this address is
   * under its limit: one machine repeating a wrong password (a stuck mail client, a script) is
   * refused after 5 tries but cannot go on to lock the account for everyone, nor its office's
   * shared address for every colleague.
   */
  async admit(attempt: LoginAttempt, now: Date): Promise<boolean> {
    const { pair, account, address } = this.keys(attempt);
    const at = utc(now);
    const windowOpenedBefore = utc(new Date(now.getTime() - this.limits.windowMs));
    // An existing key counts one more attempt, or starts a new window when its window has passed.
    const countAgain = Prisma.sql`
      ON CONFLICT ("kind", "key") DO UPDATE SET
        "attempts" = CASE WHEN "LoginThrottle"."windowStart" <= ${windowOpenedBefore}::timestamp
                          THEN 1 ELSE "LoginThrottle"."attempts" + 1 END,
        "windowStart" = CASE WHEN "LoginThrottle"."windowStart" <= ${windowOpenedBefore}::timestamp
                             THEN EXCLUDED."windowStart" ELSE "LoginThrottle"."windowStart" END,
        "updatedAt" = EXCLUDED."updatedAt"`;
    // One statement: the pair's row is locked first, so parallel attempts of one person on
    // one address queue there; rows are always locked in the same order (pair, account, address).
    const rows = await this.prisma.$queryRaw<{ kind: Kind; attempts: number }[]>`
      WITH pair AS (
        INSERT INTO "LoginThrottle" ("kind", "key", "windowStart", "attempts", "createdAt", "updatedAt")
        VALUES ('pair', ${pair}, ${at}::timestamp, 1, ${at}::timestamp, ${at}::timestamp)
        ${countAgain}
        RETURNING "kind", "attempts"
      ), wider AS (
        INSERT INTO "LoginThrottle" ("kind", "key", "windowStart", "attempts", "createdAt", "updatedAt")
        SELECT wider."kind", wider."key", ${at}::timestamp, 1, ${at}::timestamp, ${at}::timestamp
          FROM (VALUES (1, 'account', ${account}), (2, 'address', ${address})) AS wider("rank", "kind", "key"), pair
         WHERE pair."attempts" <= ${this.limits.pair}
         ORDER BY wider."rank"
        ${countAgain}
        RETURNING "kind", "attempts"
      )
      SELECT "kind", "attempts" FROM pair UNION ALL SELECT "kind", "attempts" FROM wider`;
    return rows.every((row) => row.attempts <= this.limits[row.kind]);
  }

  /**
   * The attempt was the right password: the person's count on this address starts again;
   * the account and the address get this attempt back (their counts are of failures).
   * Windows that have passed are purged here, so the table holds only live counts.
   */
  async succeeded(attempt: LoginAttempt, now: Date): Promise<void> {
    const { pair, account, address } = this.keys(attempt);
    const at = utc(now);
    const windowOpenedBefore = utc(new Date(now.getTime() - this.limits.windowMs));
    // One row per statement, outside a transaction: no statement here holds one row while
    // waiting for another, so none can deadlock with admit().
    await this.prisma.$executeRaw`DELETE FROM "LoginThrottle" WHERE "kind" = 'pair' AND "key" = ${pair}`;
    for (const [kind, key] of [
      ['account', account],
      ['address', address],
    ] as const) {
      await this.prisma.$executeRaw`
        UPDATE "LoginThrottle" SET "attempts" = GREATEST("attempts" - 1, 0), "updatedAt" = ${at}::timestamp
        WHERE "kind" = ${kind} AND "key" = ${key}`;
    }
    // Rows whose window has passed; rows another sign-in is counting right now are skipped.
    await this.prisma.$executeRaw`
      DELETE FROM "LoginThrottle" WHERE ("kind", "key") IN (
        SELECT "kind", "key" FROM "LoginThrottle" WHERE "windowStart" <= ${windowOpenedBefore}::timestamp
        FOR UPDATE SKIP LOCKED)`;
  }
}
