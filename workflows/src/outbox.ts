// Sends the e-mails that notifications queue in EmailOutbox, when SMTP is configured
// (SMTP_URL, e.g. smtps://user:pass@mail.example.gov.vn:465, and SMTP_FROM). Without it the
// e-mails stay queued and the in-app notifications are all there is. Runs in the worker.
import nodemailer, { type Transporter } from 'nodemailer';
import type { PrismaClient } from '../../prisma/client.ts';

export const MAX_ATTEMPTS = 5;

export interface OutboxSender {
  /** Sends what is waiting, `batch` at a time; returns how many went out. */
  sendPending(batch?: number): Promise<number>;
  /** Sends every `intervalMs` until the returned stop() is called. */
  start(intervalMs?: number): () => Promise<void>;
}

export function createOutboxSender(prisma: PrismaClient, transport: Transporter, from: string): OutboxSender {
  async function sendPending(batch = 50): Promise<number> {
    let sent = 0;
    for (;;) {
      // Claimed rows are locked until this transaction ends, so two workers never send the same
      // e-mail; a crash between sending and marking may send one twice (at least once).
      const done = await prisma.$transaction(
        async (tx) => {
          const rows = await tx.$queryRaw<{ id: string; toAddress: string; subject: string; body: string }[]>`
            SELECT id, "toAddress", subject, body FROM "EmailOutbox"
             WHERE "sentAt" IS NULL AND attempts < ${MAX_ATTEMPTS}
             ORDER BY "createdAt" LIMIT ${batch} FOR UPDATE SKIP LOCKED`;
          for (const row of rows) {
            try {
              await transport.sendMail({ from, to: row.toAddress, subject: row.subject, text: row.body });
              await tx.emailOutbox.update({
                where: { id: row.id },
                data: { sentAt: new Date(), attempts: { increment: 1 } },
              });
              sent += 1;
            } catch (error) {
              await tx.emailOutbox.update({
                where: { id: row.id },
                data: { attempts: { increment: 1 }, lastError: String(error).slice(0, 500) },
              });
            }
          }
          return rows.length < batch;
        },
        { timeout: 120_000 },
      );
      if (done) return sent;
    }
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
