import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient, Role } from '../../prisma/client.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export const SESSION_COOKIE = 'rt_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

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
  roles: ViewerRole[];
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

export async function createSession(prisma: PrismaClient, userId: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await prisma.session.create({
    data: { id: digest(token), userId, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) },
  });
  return token;
}

export async function deleteSession(prisma: PrismaClient, token: string): Promise<void> {
  await prisma.session.deleteMany({ where: { id: digest(token) } });
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
    include: { user: { include: { roles: { include: { unit: { select: { name: true, path: true } } } } } } },
  });
  if (!session || session.expiresAt <= now || !session.user.active) return null;
  // Sliding expiry, written at most every few minutes rather than on every request.
  if (now.getTime() - session.lastSeenAt.getTime() > 5 * 60 * 1000) {
    await prisma.session.update({
      where: { id: session.id },
      data: { lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) },
    });
  }
  const { user } = session;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    roles: user.roles.map((assignment) => ({
      role: assignment.role,
      unitId: assignment.unitId,
      unitName: assignment.unit.name,
      unitPath: assignment.unit.path,
    })),
  };
}

/**
 * Failed sign-ins per e-mail and per client address: after 5 failures in 15 minutes,
 * further attempts are refused until the window passes. Kept in memory: with several API
 * processes each keeps its own count (a shared store comes with scale-out).
 */
export class LoginThrottle {
  private failures = new Map<string, number[]>();
  constructor(
    private readonly limit = 5,
    private readonly windowMs = 15 * 60 * 1000,
  ) {}

  private recent(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((time) => now - time < this.windowMs);
    if (times.length) this.failures.set(key, times);
    else this.failures.delete(key);
    return times;
  }

  isBlocked(keys: string[], now: number): boolean {
    return keys.some((key) => this.recent(key, now).length >= this.limit);
  }

  recordFailure(keys: string[], now: number): void {
    for (const key of keys) this.failures.set(key, [...this.recent(key, now), now]);
  }

  reset(keys: string[]): void {
    for (const key of keys) this.failures.delete(key);
  }
}
