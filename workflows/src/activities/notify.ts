// In-app notifications plus queued e-mail, written inside the caller's transaction so they
// appear exactly when the change they announce does, and once per event.
import type { Role } from '../../../prisma/client.ts';
import { renderNotification, type NotificationKind, type NotificationParams } from '../notifications.ts';
import type { Tx } from './ledger.ts';

export interface NotifyInput {
  /** The event that causes the notification; each recipient's row is `${eventId}:notify:${userId}`. */
  eventId: string;
  userIds: Iterable<string>;
  kind: NotificationKind;
  params: NotificationParams;
  /** Path in the web app, e.g. /tasks/<id>. */
  link: string | null;
}

/**
 * Writes one notification per recipient and, for each, an e-mail in the outbox rendered in the
 * recipient's language (sent only where SMTP is configured). Returns how many were written.
 */
export async function notify(tx: Tx, input: NotifyInput): Promise<number> {
  const ids = [...new Set(input.userIds)];
  if (ids.length === 0) return 0;
  const users = await tx.user.findMany({
    where: { id: { in: ids }, active: true },
    select: { id: true, email: true, locale: true },
  });
  let written = 0;
  for (const user of users) {
    const eventId = `${input.eventId}:notify:${user.id}`;
    const existing = await tx.notification.findUnique({ where: { eventId }, select: { id: true } });
    if (existing) continue;
    const message = renderNotification(input.kind, input.params, user.locale);
    await tx.notification.create({
      data: {
        eventId,
        userId: user.id,
        kind: input.kind,
        params: input.params,
        link: input.link,
        email: { create: { toAddress: user.email, subject: message.subject, body: message.body } },
      },
    });
    written += 1;
  }
  return written;
}

/** Users holding `roles` on the unit itself (UNIT_HEAD / UNIT_STAFF apply to their own unit only). */
export async function usersOfUnit(tx: Tx, unitId: string, roles: Role[]): Promise<string[]> {
  const rows = await tx.roleAssignment.findMany({
    where: { unitId, role: { in: roles } },
    select: { userId: true },
  });
  return rows.map((row) => row.userId);
}

/**
 * Users holding `role` on the unit or any unit above it (STEERING and INSPECTOR apply to their
 * unit's whole subtree), e.g. the steering committee responsible for a commune.
 */
export async function usersAbove(tx: Tx, unitId: string, role: Role): Promise<string[]> {
  const unit = await tx.unit.findUniqueOrThrow({ where: { id: unitId }, select: { path: true } });
  const ancestorIds = unit.path.split('/').filter(Boolean);
  const rows = await tx.roleAssignment.findMany({
    where: { unitId: { in: ancestorIds }, role },
    select: { userId: true },
  });
  return rows.map((row) => row.userId);
}
