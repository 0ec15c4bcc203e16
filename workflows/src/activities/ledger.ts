import { ApplicationFailure } from '@temporalio/common';
import { Prisma, type PrismaClient } from '../../../prisma/client.ts';

export type Tx = Prisma.TransactionClient;

export interface AuditEntry {
  /** Deterministic ID of the workflow event that causes the change. */
  eventId: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

const toJson = (value: unknown): Prisma.InputJsonValue | typeof Prisma.JsonNull =>
  value === undefined || value === null
    ? Prisma.JsonNull
    : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);

/**
 * Runs `change` and records its AuditEvent in one transaction, once per event ID: a retried
 * activity finds the event already recorded and writes nothing. `change` returns the
 * before/after images for the audit row.
 */
export async function writeOnce(
  prisma: PrismaClient,
  entry: Omit<AuditEntry, 'before' | 'after'>,
  change: (tx: Tx) => Promise<{ before?: unknown; after?: unknown }>,
): Promise<'written' | 'already-written'> {
  try {
    return await prisma.$transaction(async (tx) => {
      const existing = await tx.auditEvent.findUnique({
        where: { eventId: entry.eventId },
        select: { id: true },
      });
      if (existing) return 'already-written' as const;
      const images = await change(tx);
      await tx.auditEvent.create({
        data: { ...entry, before: toJson(images.before), after: toJson(images.after) },
      });
      return 'written' as const;
    });
  } catch (error) {
    // Two attempts racing on the same event: the loser's transaction rolled back whole, on
    // the event ID or on a row whose ID the workflow chose. Either way the winner wrote it.
    if (isUniqueViolation(error)) {
      const written = await prisma.auditEvent.findUnique({
        where: { eventId: entry.eventId },
        select: { id: true },
      });
      if (written) return 'already-written';
    }
    throw asInputFailure(error);
  }
}

/** Failure type of a write the database refused for its input; never retried. */
export const INPUT_REJECTED_FAILURE = 'ActivityInputRejected';

/**
 * A write Prisma or PostgreSQL refuses for its values (a value too long or of the wrong type, a
 * missing required value, an invalid Date) fails the same way on every retry: it fails the
 * activity at once instead of retrying for ever. Everything else stays retryable: a connection
 * lost, a timeout, and also a missing referenced row (P2003, P2025), which may be one another
 * transaction has not committed yet.
 */
function asInputFailure(error: unknown): unknown {
  const refused =
    error instanceof Prisma.PrismaClientValidationError ||
    (error instanceof Prisma.PrismaClientKnownRequestError &&
      ['P2000', 'P2006', 'P2007', 'P2011', 'P2012'].includes(error.code));
  return refused
    ? ApplicationFailure.nonRetryable(String((error as Error).message).slice(0, 500), INPUT_REJECTED_FAILURE)
    : error;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
