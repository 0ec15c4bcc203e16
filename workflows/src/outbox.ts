// Sends the e-mails that notifications queue in EmailOutbox, when SMTP is configured
// (SMTP_URL, e.g. smtps://user:pass@mail.example.gov.vn:465, and SMTP_FROM). Without it the
// e-mails stay queued and the in-app notifications are all there is. Runs in the worker.
import nodemailer, { type Transporter } from 'nodemailer';
import type { PrismaClient } from '../../prisma/client.ts';

export const MAX_ATTEMPTS = 5;

/**
 * How long a sender holds a row it is sending. Longer than nodemailer's own socket timeout
 * (10 minutes), so a send that is merely slow is never taken over; a sender that crashed lets
 * it run out, and then another sender tries the row again.
 */
export const DEFAULT_LEASE_MS = 15 * 60 * 1000;

export interface OutboxSender {
  /** Sends what is waiting, one row at a time, at most `limit` rows; returns how many went out. */
  sendPending(limit?: number): Promise<number>;
  /** Sends every `intervalMs` until the returned stop() is called. */
  start(intervalMs?: number): () => Promise<void>;
}

interface ClaimedEmail {
  id: string;
  toAddress: string;
  subject: string;
  body: string;
}

export function createOutboxSender(
  prisma: PrismaClient,
  transport: Transporter,
  from: string,
  { leaseMs = DEFAULT_LEASE_MS }: { leaseMs?: number } = {},
): OutboxSender {
  /**
   * Takes one row that is due and not held by another sender, by setting its lease in one
   * statement (SKIP LOCKED: senders never wait for each other). No transaction stays open while
   * SMTP is talked to: the old way held a whole batch's row locks during the sends, and one slow
   * SMTP call that outlived the transaction rolled back the "sent" marks of the e-mails already
   * sent, which then went out again. `tried` keeps a failed row from being retried in the same pass.
   */
  async function claim(tried: string[]): Promise<ClaimedEmail | undefined> {
    const [row] = await prisma.$queryRaw<ClaimedEmail[]>`
      UPDATE "EmailOutbox" SET "claimedUntil" = now() + ${leaseMs} * interval '1 millisecond'
       WHERE id = (
         SELECT id FROM "EmailOutbox"
          WHERE "sentAt" IS NULL AND attempts < ${MAX_ATTEMPTS}
            AND ("claimedUntil" IS NULL OR "claimedUntil" < now())
            AND id <> ALL(${tried}::text[])
          ORDER BY "createdAt", id LIMIT 1
          FOR UPDATE SKIP LOCKED)
       RETURNING id, "toAddress", subject, body`;
    return row;
  }

  async function sendPending(limit = 500): Promise<number> {
    let sent = 0;
    const tried: string[] = [];
    while (tried.length < limit) {
      const row = await claim(tried);
      if (!row) break;
      tried.push(row.id);
      // The outcome is recorded per row, right after its own send; a crash in between sends that
      // one e-mail again once its lease runs out (at least once, never a batch twice).
      try {
        await transport.sendMail({ from, to: row.toAddress, subject: row.subject, text: row.body });
      } catch (error) {
        await prisma.emailOutbox.update({
          where: { id: row.id },
          data: { attempts: { increment: 1 }, lastError: String(error).slice(0, 500), claimedUntil: null },
        });
        continue;
      }
      await prisma.emailOutbox.update({
        where: { id: row.id },
        data: { sentAt: new Date(), attempts: { increment: 1 }, lastError: null, claimedUntil: null },
      });
      sent += 1;
    }
    return sent;
  }

  return {
    sendPending,
    start(intervalMs = 15_000) {
      let running = Promise.resolve();
      const timer = setInterval(() => {
        running = running
          .then(() => sendPending().then(() => undefined))
          .catch((error: unknown) => {
            console.error(`E-mail outbox: ${String(error)}`);
          });
      }, intervalMs);
      return async () => {
        clearInterval(timer);
        await running;
        transport.close();
      };
    },
  };
}

/** The sender configured by SMTP_URL / SMTP_FROM, or undefined when SMTP is not configured. */
export function outboxFromEnv(
  prisma: PrismaClient,
  env: NodeJS.ProcessEnv = process.env,
): OutboxSender | undefined {
  if (!env.SMTP_URL) return undefined;
  const from = env.SMTP_FROM ?? 'Theo dõi CCHC <no-reply@localhost>';
  return createOutboxSender(prisma, nodemailer.createTransport(env.SMTP_URL), from);
}
