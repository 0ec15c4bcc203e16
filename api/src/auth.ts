import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient, Role } from '../../prisma/client.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

/** A session ends after this long without a request (refreshed at most every 5 minutes). */
export const SESSION_IDLE_MS = 60 * 60 * 1000;
/** …and this long after sign-in at the latest, however active it is: one working day. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often, so a request does not always write a row. */
const SESSION_TOUCH_MS = 5 * 60 * 1000;

export interface ViewerRole {
  role: Role;
  unitId: string;
  unitName: string;
  /** Materialised path of the role's unit, for subtree checks. */
  unitPath: string;
}

export interface Viewer {
  id: string;
  email: string;
  name: string;
  locale: string;
  /** Signed in with a one-time password an administrator gave: must choose their own first. */
  mustChangePassword: boolean;
  roles: ViewerRole[];
  /**
   * The units the viewer belongs to: the units of their role assignments and, for a unit that
   * was merged, its successors (a merged unit's former staff count as the successor's people).
   * A surprise inspection of any of these stays hidden from the viewer until it starts.
   */
  memberOfUnitIds: string[];
}

const SUBTREE_ROLES: readonly Role[] = ['ADMIN', 'STEERING', 'INSPECTOR'];

export const hasRole = (viewer: Viewer | null, ...roles: Role[]): boolean =>
  !!viewer?.roles.some((assignment) => roles.includes(assignment.role));

/**
 * Whether the viewer's roles reach a unit: ADMIN, STEERING and INSPECTOR reach their
 * unit's whole subtree, UNIT_HEAD and UNIT_STAFF only their own unit.
 */
export function reachesUnit(
  viewer: Viewer,
  unit: { id: string; path: string },
  roles?: readonly Role[],
): boolean {
  return viewer.roles.some(
    (assignment) =>
      (!roles || roles.includes(assignment.role)) &&
      (SUBTREE_ROLES.includes(assignment.role)
        ? unit.path.startsWith(assignment.unitPath)
        : unit.id === assignment.unitId),
  );
}

/** A Prisma `where` on Unit selecting exactly the units the viewer reaches. */
export function unitsInScope(viewer: Viewer, roles?: readonly Role[]) {
  const assignments = viewer.roles.filter((assignment) => !roles || roles.includes(assignment.role));
  return {
    OR: [
      ...assignments
        .filter((assignment) => SUBTREE_ROLES.includes(assignment.role))
        .map((assignment) => ({ path: { startsWith: assignment.unitPath } })),
      { id: { in: assignments.filter((a) => !SUBTREE_ROLES.includes(a.role)).map((a) => a.unitId) } },
    ],
  };
}

const digest = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Verifies a password; the same work is done for unknown e-mails so timing tells nothing. */
export async function checkCredentials(prisma: PrismaClient, email: string, password: string) {
  const user = await prisma.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user || !user.active) {
    await verifyPassword(await decoyHash(), password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, password)) ? user : null;
}

let decoy: Promise<string> | undefined;
const decoyHash = (): Promise<string> => (decoy ??= hashPassword(randomBytes(16).toString('hex')));

/** When a session seen at `seenAt` ends: idle timeout, capped by the absolute lifetime. */
const sessionEnd = (createdAt: Date, seenAt: Date): Date =>
  new Date(Math.min(seenAt.getTime() + SESSION_IDLE_MS, createdAt.getTime() + SESSION_ABSOLUTE_MS));

export async function createSession(prisma: PrismaClient, userId: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await prisma.session.create({
    data: {
      id: digest(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: sessionEnd(now, now),
    },
  });
  return token;
}

export async function deleteSession(prisma: PrismaClient, token: string): Promise<void> {
  await prisma.session.deleteMany({ where: { id: digest(token) } });
}

/** "Sign out everywhere": every session of the user, on every device. */
export async function deleteAllSessions(prisma: PrismaClient, userId: string): Promise<number> {
  const { count } = await prisma.session.deleteMany({ where: { userId } });
  return count;
}

/** Every session of the user except the one behind `keepToken` (after a password change). */
export async function deleteOtherSessions(
  prisma: Pick<PrismaClient, 'session'>,
  userId: string,
  keepToken: string,
): Promise<number> {
  const { count } = await prisma.session.deleteMany({ where: { userId, id: { not: digest(keepToken) } } });
  return count;
}

/** Deletes sessions that have ended (run at every sign-in; `expiresAt` is indexed). */
export async function purgeExpiredSessions(prisma: PrismaClient, now: Date): Promise<number> {
  const { count } = await prisma.session.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}

/** The user behind a session token, or null when it is missing, unknown or expired. */
export async function viewerFromSession(
  prisma: PrismaClient,
  token: string | undefined,
  now: Date,
): Promise<Viewer | null> {
  if (!token) return null;
  const session = await prisma.session.findUnique({
    where: { id: digest(token) },
    include: {
      user: {
        include: {
          roles: { include: { unit: { select: { name: true, path: true, mergedIntoId: true } } } },
        },
      },
    },
  });
  if (!session || !session.user.active) return null;
  // Both limits are checked here, not only the stored end, so shortening them takes effect at once.
  if (session.expiresAt <= now || sessionEnd(session.createdAt, session.lastSeenAt) <= now) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
    // updateMany: a "sign out everywhere" may have deleted the row in the meantime.
    await prisma.session.updateMany({
      where: { id: session.id },
      data: { lastSeenAt: now, expiresAt: sessionEnd(session.createdAt, now) },
    });
  }
  const { user } = session;
  const members = new Set<string>();
  // A merged unit's successors (merged again, theirs): a query per merger step, none for the
  // usual viewer whose units were never merged.
  let next = user.roles.flatMap((assignment) => {
    members.add(assignment.unitId);
    return assignment.unit.mergedIntoId ? [assignment.unit.mergedIntoId] : [];
  });
  while (next.length) {
    next.forEach((id) => members.add(id));
    const successors = await prisma.unit.findMany({
      where: { id: { in: next }, mergedIntoId: { not: null } },
      select: { mergedIntoId: true },
    });
    next = successors.map((unit) => unit.mergedIntoId!).filter((id) => !members.has(id));
  }
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    mustChangePassword: user.mustChangePassword,
    // Until a one-time password an administrator gave is replaced, the person acts with no role:
    // they can read their account and change the password, nothing else (the web app sends them
    // to that page), so whoever handed over the password cannot act as them.
    roles: (user.mustChangePassword ? [] : user.roles).map((assignment) => ({
      role: assignment.role,
      unitId: assignment.unitId,
      unitName: assignment.unit.name,
      unitPath: assignment.unit.path,
    })),
    memberOfUnitIds: [...members],
  };
}
