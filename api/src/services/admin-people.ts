// The administrator's people: accounts with a one-time password, password resets, deactivation
// and roles per unit. An administrator sees the people holding a role in their subtree and
// manages an account (password, active) only when every role of it lies in their subtree.
import { randomBytes, randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { Prisma, type Role } from '../../../prisma/client.ts';
import { deleteAllSessions, type Viewer } from '../auth.ts';
import type { Context } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { hashPassword } from '../passwords.ts';
import { AdminRefusedError } from './admin-errors.ts';
import { administeredUnit, administeredUnits, administers, auditAdminChange } from './admin-units.ts';

type AdminContext = Context & { viewer: Viewer };

/** People holding at least one role in a unit the viewer administers. */
export const administeredPeople = (viewer: Viewer): Prisma.UserWhereInput => ({
  roles: { some: { unit: administeredUnits(viewer) } },
});

/** Search by name or e-mail, case-insensitively. */
export const peopleSearch = (search: string | null | undefined): Prisma.UserWhereInput =>
  search?.trim()
    ? {
        OR: [
          { name: { contains: search.trim(), mode: 'insensitive' } },
          { email: { contains: search.trim(), mode: 'insensitive' } },
        ],
      }
    : {};

// No 0/O, 1/l/I: read aloud over the phone or copied from a screen without mistakes.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 20 characters from 57 (about 117 bits), in groups of five for reading. */
export function oneTimePassword(): string {
  const bytes = randomBytes(40);
  const chars: string[] = [];
  for (const byte of bytes) {
    // 228 = 4 × 57: rejecting the rest keeps every character equally likely.
    if (byte < 228) chars.push(ALPHABET[byte % ALPHABET.length]!);
    if (chars.length === 20) break;
  }
  if (chars.length < 20) return oneTimePassword();
  return chars.join('').replace(/(.{5})(?=.)/g, '$1-');
}

/**
 * E-mails a one-time password when SMTP is configured (SMTP_URL, SMTP_FROM, as the outbox). It is
 * sent directly, not through the outbox, because the outbox keeps its e-mails' bodies in the
 * database and the password must never be stored in clear. False when not sent.
 */
async function emailOneTimePassword(
  user: { email: string; name: string; locale: string },
  password: string,
  kind: 'created' | 'reset',
): Promise<boolean> {
  const url = process.env.SMTP_URL;
  if (!url) return false;
  const en = user.locale === 'en';
  const subject = en
    ? kind === 'created'
      ? 'Your Reform Tracker account'
      : 'Your Reform Tracker password was reset'
    : kind === 'created'
      ? 'Tài khoản Theo dõi CCHC của bạn'
      : 'Mật khẩu Theo dõi CCHC của bạn đã được đặt lại';
  const text = en
    ? `Hello ${user.name},\n\nSign in with ${user.email} and this one-time password:\n\n${password}\n\nYou will choose your own password right after signing in.`
    : `Xin chào ${user.name},\n\nĐăng nhập bằng ${user.email} và mật khẩu dùng một lần sau:\n\n${password}\n\nBạn sẽ đặt mật khẩu riêng ngay sau khi đăng nhập.`;
  try {
    await nodemailer.createTransport(url).sendMail({
      from: process.env.SMTP_FROM ?? 'Theo dõi CCHC <no-reply@localhost>',
      to: user.email,
      subject,
      text,
    });
    return true;
  } catch (error) {
    // Shown on the page instead; the error names the server, never the password.
    console.error(`One-time password e-mail to ${user.email} failed: ${(error as Error).message}`);
    return false;
  }
}

export interface IssuedPassword {
  userId: string;
  /** Shown once to the administrator; null when it was e-mailed to the person. */
  oneTimePassword: string | null;
  emailed: boolean;
}

async function issuePassword(
  user: { email: string; name: string; locale: string },
  kind: 'created' | 'reset',
): Promise<{ hash: string; deliver: (userId: string) => Promise<IssuedPassword> }> {
  const password = oneTimePassword();
  const hash = await hashPassword(password);
  return {
    hash,
    deliver: async (userId) => {
      const emailed = await emailOneTimePassword(user, password, kind);
      return { userId, oneTimePassword: emailed ? null : password, emailed };
    },
  };
}

/** A person the viewer sees (a role in their subtree), with every role; NotFoundError otherwise. */
export async function visibleUser(context: AdminContext, id: string, field = 'userId') {
  const user = await context.prisma.user.findFirst({
    where: { AND: [{ id }, administeredPeople(context.viewer)] },
    include: {
      roles: { include: { unit: { select: { id: true, path: true, level: true, parentId: true } } } },
    },
  });
  if (!user) throw new NotFoundError('notFound.user', field);
  return user;
}

/** A person whose account the viewer manages: every role of theirs lies in the viewer's subtree. */
async function managedUser(context: AdminContext, id: string) {
  const user = await visibleUser(context, id);
  if (!user.roles.every((assignment) => administers(context.viewer, assignment.unit))) {
    throw new AdminRefusedError('adm.userBeyondReach', 'BEYOND_REACH', 'userId');
  }
  return user;
}

const userRecord = (user: { id: string; email: string; name: string; locale: string; active: boolean }) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  locale: user.locale,
  active: user.active,
});

export interface CreateUserInput {
  name: string;
  email: string;
  locale: 'vi' | 'en';
  role: Role;
  unitId: string;
}

/** A new account with a first role; the one-time password must be changed at first sign-in. */
export async function createUser(context: AdminContext, input: CreateUserInput): Promise<IssuedPassword> {
  const email = input.email.trim().toLowerCase();
  const unit = await administeredUnit(context, input.unitId, 'unitId');
  if (unit.mergedIntoId)
    throw new AdminRefusedError('adm.unitMerged', 'UNIT_MERGED', 'unitId', { name: unit.name });
  const taken = () => new AdminRefusedError('adm.emailTaken', 'EMAIL_TAKEN', 'email', { email });
  if (await context.prisma.user.findUnique({ where: { email }, select: { id: true } })) throw taken();
  const issued = await issuePassword({ email, name: input.name, locale: input.locale }, 'created');
  try {
    const user = await context.prisma.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: {
          email,
          name: input.name,
          locale: input.locale,
          passwordHash: issued.hash,
          mustChangePassword: true,
          roles: { create: { role: input.role, unitId: unit.id } },
        },
      });
      await auditAdminChange(tx, context, {
        action: 'user.created',
        entityType: 'User',
        entityId: created.id,
        after: { ...userRecord(created), roles: [{ role: input.role, unitId: unit.id }] },
      });
      return created;
    });
    return await issued.deliver(user.id);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw taken();
    throw error;
  }
}

/** A new one-time password; every session of the person ends. */
export async function resetPassword(context: AdminContext, userId: string): Promise<IssuedPassword> {
  if (userId === context.viewer.id) throw new AdminRefusedError('adm.resetSelf', 'SELF', 'userId');
  const user = await managedUser(context, userId);
  const issued = await issuePassword(user, 'reset');
  await context.prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash: issued.hash, mustChangePassword: true },
    });
    await tx.session.deleteMany({ where: { userId: user.id } });
    await auditAdminChange(tx, context, {
      action: 'user.passwordReset',
      entityType: 'User',
      entityId: user.id,
    });
  });
  return issued.deliver(user.id);
}

/** Whether the role assignment is the last ADMIN of a province (a root unit) held by an active person. */
async function lastProvinceAdmin(
  context: AdminContext,
  assignment: {
    role: Role;
    unitId: string;
    userId: string;
    unit: { level: string; parentId: string | null };
  },
): Promise<boolean> {
  if (assignment.role !== 'ADMIN' || (assignment.unit.level !== 'PROVINCE' && assignment.unit.parentId)) {
    return false;
  }
  const others = await context.prisma.roleAssignment.count({
    where: {
      role: 'ADMIN',
      unitId: assignment.unitId,
      userId: { not: assignment.userId },
      user: { active: true },
    },
  });
  return others === 0;
}

/** Deactivates (every session ends at once, sign-in refused) or reactivates an account. */
export async function setUserActive(context: AdminContext, userId: string, active: boolean): Promise<string> {
  if (!active && userId === context.viewer.id)
    throw new AdminRefusedError('adm.deactivateSelf', 'SELF', 'userId');
  const user = await managedUser(context, userId);
  if (!active) {
    for (const assignment of user.roles) {
      if (await lastProvinceAdmin(context, { ...assignment, userId: user.id })) {
        throw new AdminRefusedError('adm.lastAdmin', 'LAST_ADMIN', 'userId');
      }
    }
  }
  if (user.active === active) return user.id;
  await context.prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { active } });
    if (!active) await tx.session.deleteMany({ where: { userId: user.id } });
    await auditAdminChange(tx, context, {
      action: active ? 'user.reactivated' : 'user.deactivated',
      entityType: 'User',
      entityId: user.id,
      before: { active: user.active },
      after: { active },
    });
  });
  // Sessions made between the check and the transaction (a sign-in in flight) end too.
  if (!active) await deleteAllSessions(context.prisma, user.id);
  return user.id;
}

/** Gives a person a role on a live unit the viewer administers; the same role twice is refused. */
export async function assignRole(
  context: AdminContext,
  input: { userId: string; role: Role; unitId: string },
): Promise<string> {
  const user = await visibleUser(context, input.userId);
  const unit = await administeredUnit(context, input.unitId, 'unitId');
  if (unit.mergedIntoId)
    throw new AdminRefusedError('adm.unitMerged', 'UNIT_MERGED', 'unitId', { name: unit.name });
  if (user.roles.some((assignment) => assignment.role === input.role && assignment.unitId === unit.id)) {
    throw new AdminRefusedError('adm.roleExists', 'ROLE_EXISTS', 'role');
  }
  try {
    await context.prisma.$transaction(async (tx) => {
      const created = await tx.roleAssignment.create({
        data: { id: randomUUID(), userId: user.id, role: input.role, unitId: unit.id },
      });
      await auditAdminChange(tx, context, {
        action: 'user.roleAssigned',
        entityType: 'User',
        entityId: user.id,
        after: { role: created.role, unitId: created.unitId },
      });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AdminRefusedError('adm.roleExists', 'ROLE_EXISTS', 'role');
    }
    throw error;
  }
  return user.id;
}

/** Removes a role on a unit the viewer administers; never a person's last role or a province's last administrator. */
export async function removeRole(context: AdminContext, roleAssignmentId: string): Promise<string> {
  const assignment = await context.prisma.roleAssignment.findUnique({
    where: { id: roleAssignmentId },
    include: { unit: true },
  });
  if (!assignment || !administers(context.viewer, assignment.unit)) {
    throw new NotFoundError('notFound.roleAssignment', 'roleAssignmentId');
  }
  const roles = await context.prisma.roleAssignment.count({ where: { userId: assignment.userId } });
  if (roles <= 1) throw new AdminRefusedError('adm.lastRole', 'LAST_ROLE', 'roleAssignmentId');
  if (await lastProvinceAdmin(context, assignment)) {
    throw new AdminRefusedError('adm.lastAdmin', 'LAST_ADMIN', 'roleAssignmentId');
  }
  await context.prisma.$transaction(async (tx) => {
    await tx.roleAssignment.delete({ where: { id: assignment.id } });
    await auditAdminChange(tx, context, {
      action: 'user.roleRemoved',
      entityType: 'User',
      entityId: assignment.userId,
      before: { role: assignment.role, unitId: assignment.unitId },
    });
  });
  return assignment.userId;
}
