// The administrator's people through the API (real PostgreSQL): an account with a one-time
// password that works once and must be replaced, resets and deactivation that end sessions,
// roles per unit, and every refusal (duplicate or invalid e-mail, merged unit, self, last role,
// last administrator of the province, outside the subtree).
import { randomUUID } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../api/src/passwords.ts';
import type { Role } from '../../prisma/client.ts';
import { createApiHarness } from '../helpers/api.ts';

let api: Awaited<ReturnType<typeof createApiHarness>>;
let admin: { id: string; cookie: string };
let provinceAdmin: { id: string; cookie: string };

async function person(key: string, roles: { role: Role; unitId: string }[], locale = 'en') {
  const user = await api.db.prisma.user.create({
    data: {
      email: `${key}@admin-people.demo`,
      name: `Người ${key}`,
      passwordHash: await hashPassword(api.fixtures.password),
      locale,
      roles: { create: roles },
    },
  });
  return user;
}

async function signedIn(key: string, roles: { role: Role; unitId: string }[]) {
  const user = await person(key, roles);
  return { id: user.id, cookie: await api.login(user.email) };
}

beforeAll(async () => {
  api = await createApiHarness();
  admin = await signedIn('admin', [{ role: 'ADMIN', unitId: api.fixtures.units.district.id }]);
  provinceAdmin = await signedIn('padmin', [{ role: 'ADMIN', unitId: api.fixtures.units.province.id }]);
});
afterAll(() => api?.close());

const ANSWER = `__typename
  ... on Error { message }
  ... on AdminRefusedError { reason field }
  ... on InvalidInputError { issues { field message } }
  ... on NotFoundError { field }`;
const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { ${ANSWER}
  ... on IssuedPassword { oneTimePassword emailed user { id email mustChangePassword roles { role unit { id } } } } } }`;
const RESET = `mutation($id: ID!) { resetUserPassword(userId: $id) { ${ANSWER} ... on IssuedPassword { oneTimePassword } } }`;
const ACTIVE = `mutation($id: ID!, $active: Boolean!) { setUserActive(userId: $id, active: $active) { ${ANSWER} ... on AdminUser { active } } }`;
const ASSIGN = `mutation($input: AssignRoleInput!) { assignRole(input: $input) { ${ANSWER} ... on AdminUser { roles { id role unit { id } } } } }`;
const REMOVE = `mutation($id: ID!) { removeRole(roleAssignmentId: $id) { ${ANSWER} ... on AdminUser { roles { role } } } }`;
const ME = `{ me { id mustChangePassword } }`;
const CHANGE = `mutation($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) { __typename } }`;

type Answer = Record<string, unknown> & { __typename: string };
async function call(query: string, variables: Record<string, unknown>, cookie: string): Promise<Answer> {
  const result = await api.gql(query, variables, { cookie });
  const value = Object.values(result.data ?? {})[0] as Answer | undefined;
  expect(value, JSON.stringify(result)).toBeTruthy();
  return value!;
}

const newUser = (overrides: Record<string, unknown> = {}) => ({
  name: 'Nguyễn Thị Mới',
  email: `moi-${randomUUID().slice(0, 8)}@admin-people.demo`,
  locale: 'vi',
  role: 'UNIT_STAFF',
  unitId: api.fixtures.units.commune.id,
  ...overrides,
});

/** Signs in and returns the session cookie, or null when the password is refused. */
async function tryLogin(email: string, password: string): Promise<string | null> {
  const result = await api.gql<{ login: { __typename: string } }>(
    `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { __typename } }`,
    { email, password },
  );
  return result.data?.login.__typename === 'LoginSuccess' ? (result.setCookie?.split(';')[0] ?? null) : null;
}

describe('accounts', () => {
  it('creates an account with a one-time password shown once, stored only as a hash; it works once and must be replaced', async () => {
    const input = newUser({ email: '  Moi.Nguoi@Admin-People.demo ' });
    const issued = await call(CREATE, { input }, admin.cookie);
    expect(issued).toMatchObject({
      __typename: 'IssuedPassword',
      emailed: false,
      user: {
        email: 'moi.nguoi@admin-people.demo',
        mustChangePassword: true,
        roles: [{ role: 'UNIT_STAFF', unit: { id: api.fixtures.units.commune.id } }],
      },
    });
    const password = issued.oneTimePassword as string;
    expect(password).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
    const row = await api.db.prisma.user.findUniqueOrThrow({
      where: { email: 'moi.nguoi@admin-people.demo' },
    });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(
      JSON.stringify(await api.db.prisma.auditEvent.findMany({ where: { entityId: row.id } })),
    ).not.toContain(password);
    // Never shown again: the account as read afterwards has no password field at all.
    const again = await api.gql(
      `query($id: ID!) { adminUser(id: $id) { oneTimePassword } }`,
      { id: row.id },
      { cookie: admin.cookie },
    );
    expect(again.errors?.[0]?.message).toMatch(/Cannot query field "oneTimePassword"/);

    const cookie = await tryLogin(row.email, password);
    expect(cookie).toBeTruthy();
    expect((await api.gql(ME, {}, { cookie: cookie! })).data).toEqual({
      me: { id: row.id, mustChangePassword: true },
    });
    // Until it is replaced the person acts with no role: no unit is theirs yet.
    const UNITS = `{ units { id } }`;
    expect((await api.gql(UNITS, {}, { cookie: cookie! })).data).toEqual({ units: [] });
    const changed = await api.gql(
      CHANGE,
      { current: password, next: 'một mật khẩu riêng dài' },
      { cookie: cookie! },
    );
    expect(changed.data).toEqual({ changePassword: { __typename: 'PasswordChanged' } });
    expect((await api.gql(ME, {}, { cookie: cookie! })).data).toEqual({
      me: { id: row.id, mustChangePassword: false },
    });
    expect((await api.gql(UNITS, {}, { cookie: cookie! })).data).toEqual({
      units: [{ id: api.fixtures.units.commune.id }],
    });
    // The one-time password no longer opens the account; the new one does.
    expect(await tryLogin(row.email, password)).toBeNull();
    expect(await tryLogin(row.email, 'một mật khẩu riêng dài')).toBeTruthy();
  });

  it('refuses a duplicate or invalid e-mail, an empty name, an unknown, outside or merged unit', async () => {
    const taken = await call(CREATE, { input: newUser({ email: 'HEAD@test.demo' }) }, admin.cookie);
    expect(taken).toMatchObject({
      reason: 'EMAIL_TAKEN',
      field: 'email',
      message: 'There is already an account for head@test.demo.',
    });
    expect(await call(CREATE, { input: newUser({ email: 'not-an-address' }) }, admin.cookie)).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ field: 'email', message: 'Enter a valid e-mail address.' }],
    });
    expect(await call(CREATE, { input: newUser({ name: ' ' }) }, admin.cookie)).toMatchObject({
      issues: [{ field: 'name' }],
    });
    expect(await call(CREATE, { input: newUser({ unitId: randomUUID() }) }, admin.cookie)).toMatchObject({
      __typename: 'NotFoundError',
      field: 'unitId',
    });
    expect(
      await call(CREATE, { input: newUser({ unitId: api.fixtures.units.otherCommune.id }) }, admin.cookie),
    ).toMatchObject({
      __typename: 'NotFoundError',
      field: 'unitId',
    });
    const merged = await api.db.prisma.unit.create({
      data: (() => {
        const id = randomUUID();
        const { district, town } = api.fixtures.units;
        return {
          id,
          code: 'AP-MERGED',
          name: 'Xã Đã Nhập',
          level: 'COMMUNE' as const,
          parentId: district.id,
          path: `${district.path}${id}/`,
          mergedIntoId: town.id,
          mergedAt: new Date(),
        };
      })(),
    });
    expect(await call(CREATE, { input: newUser({ unitId: merged.id }) }, admin.cookie)).toMatchObject({
      reason: 'UNIT_MERGED',
      field: 'unitId',
      message: 'Xã Đã Nhập has been merged; choose its successor instead.',
    });
    const someone = await person('forrole', [{ role: 'UNIT_STAFF', unitId: api.fixtures.units.town.id }]);
    expect(
      await call(
        ASSIGN,
        { input: { userId: someone.id, role: 'UNIT_HEAD', unitId: merged.id } },
        admin.cookie,
      ),
    ).toMatchObject({
      reason: 'UNIT_MERGED',
    });
  });

  it('resets a password: sessions end, the old password fails, the new one-time password forces a change', async () => {
    const user = await person('reset', [{ role: 'UNIT_HEAD', unitId: api.fixtures.units.town.id }]);
    const session = await api.login(user.email);
    const issued = await call(RESET, { id: user.id }, admin.cookie);
    expect(issued.__typename).toBe('IssuedPassword');
    expect((await api.gql(ME, {}, { cookie: session })).data).toEqual({ me: null });
    expect(await tryLogin(user.email, api.fixtures.password)).toBeNull();
    const cookie = await tryLogin(user.email, issued.oneTimePassword as string);
    expect((await api.gql(ME, {}, { cookie: cookie! })).data).toEqual({
      me: { id: user.id, mustChangePassword: true },
    });
    expect(
      await api.db.prisma.auditEvent.count({ where: { entityId: user.id, action: 'user.passwordReset' } }),
    ).toBe(1);

    expect(await call(RESET, { id: admin.id }, admin.cookie)).toMatchObject({ reason: 'SELF' });
    expect(await call(RESET, { id: api.fixtures.users.otherHead.id }, admin.cookie)).toMatchObject({
      __typename: 'NotFoundError',
    });
    // A person who also holds a role outside the district is managed only from above.
    const wide = await person('wide', [
      { role: 'UNIT_HEAD', unitId: api.fixtures.units.commune.id },
      { role: 'STEERING', unitId: api.fixtures.units.otherDistrict.id },
    ]);
    expect(await call(RESET, { id: wide.id }, admin.cookie)).toMatchObject({ reason: 'BEYOND_REACH' });
    expect((await call(RESET, { id: wide.id }, provinceAdmin.cookie)).__typename).toBe('IssuedPassword');
  });

  it('deactivates at once (sessions end, sign-in refused), reactivates, and never deactivates oneself', async () => {
    const user = await person('leaving', [{ role: 'UNIT_STAFF', unitId: api.fixtures.units.commune.id }]);
    const session = await api.login(user.email);
    expect(await call(ACTIVE, { id: user.id, active: false }, admin.cookie)).toMatchObject({ active: false });
    expect(await api.db.prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect((await api.gql(ME, {}, { cookie: session })).data).toEqual({ me: null });
    expect(await tryLogin(user.email, api.fixtures.password)).toBeNull();
    expect(await call(ACTIVE, { id: user.id, active: true }, admin.cookie)).toMatchObject({ active: true });
    expect(await tryLogin(user.email, api.fixtures.password)).toBeTruthy();
    expect(
      (await api.db.prisma.auditEvent.findMany({ where: { entityId: user.id }, orderBy: { at: 'asc' } })).map(
        (e) => e.action,
      ),
    ).toEqual(['user.deactivated', 'user.reactivated']);

    expect(await call(ACTIVE, { id: admin.id, active: false }, admin.cookie)).toMatchObject({
      reason: 'SELF',
      message: 'You cannot deactivate your own account.',
    });
  });
});

describe('one-time passwords by e-mail', () => {
  it('with SMTP configured, e-mails the one-time password (in the person’s language) instead of showing it', async () => {
    const received: { to: string[]; raw: string }[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as { port: number };
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    try {
      const issued = await call(
        CREATE,
        { input: newUser({ email: 'emailed@admin-people.demo', locale: 'en' }) },
        admin.cookie,
      );
      expect(issued).toMatchObject({ __typename: 'IssuedPassword', emailed: true, oneTimePassword: null });
      expect(received).toHaveLength(1);
      expect(received[0]!.to).toEqual(['emailed@admin-people.demo']);
      expect(received[0]!.raw).toContain('Subject: Your Reform Tracker account');
      const password = /([A-Za-z2-9]{5}(?:-[A-Za-z2-9]{5}){3})/.exec(received[0]!.raw)?.[1];
      expect(password).toBeTruthy();
      // Nothing of it is kept in the outbox: it went straight to the mail server.
      expect(JSON.stringify(await api.db.prisma.emailOutbox.findMany())).not.toContain(password);
      expect(await tryLogin('emailed@admin-people.demo', password!)).toBeTruthy();
    } finally {
      delete process.env.SMTP_URL;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('roles', () => {
  it('assigns a role on a unit, refuses the same twice, removes it; refuses removing the last role', async () => {
    const user = await person('roles', [{ role: 'UNIT_STAFF', unitId: api.fixtures.units.commune.id }]);
    const input = { userId: user.id, role: 'UNIT_HEAD', unitId: api.fixtures.units.town.id };
    const assigned = await call(ASSIGN, { input }, admin.cookie);
    const roles = assigned.roles as { id: string; role: string }[];
    expect(roles.map((role) => role.role).sort()).toEqual(['UNIT_HEAD', 'UNIT_STAFF']);
    expect(await call(ASSIGN, { input }, admin.cookie)).toMatchObject({
      reason: 'ROLE_EXISTS',
      field: 'role',
    });
    // Outside the subtree: unknown.
    expect(
      await call(ASSIGN, { input: { ...input, unitId: api.fixtures.units.otherCommune.id } }, admin.cookie),
    ).toMatchObject({ __typename: 'NotFoundError', field: 'unitId' });

    const head = roles.find((role) => role.role === 'UNIT_HEAD')!;
    expect(await call(REMOVE, { id: head.id }, admin.cookie)).toMatchObject({
      roles: [{ role: 'UNIT_STAFF' }],
    });
    const staff = roles.find((role) => role.role === 'UNIT_STAFF')!;
    expect(await call(REMOVE, { id: staff.id }, admin.cookie)).toMatchObject({ reason: 'LAST_ROLE' });
    expect(await call(REMOVE, { id: randomUUID() }, admin.cookie)).toMatchObject({
      __typename: 'NotFoundError',
    });
    expect(
      (await api.db.prisma.auditEvent.findMany({ where: { entityId: user.id }, orderBy: { at: 'asc' } })).map(
        (e) => e.action,
      ),
    ).toEqual(['user.roleAssigned', 'user.roleRemoved']);
  });

  it('refuses removing the province’s last active administrator, and allows it once there is another', async () => {
    const { province } = api.fixtures.units;
    // The province has one administrator (padmin); a second account of the test acts on it.
    const acting = await signedIn('acting', [
      { role: 'ADMIN', unitId: province.id },
      { role: 'STEERING', unitId: province.id },
    ]);
    const padminRole = await api.db.prisma.roleAssignment.findFirstOrThrow({
      where: { userId: provinceAdmin.id, role: 'ADMIN' },
    });
    // padmin's ADMIN role is their only role: refused as the last role.
    expect(await call(REMOVE, { id: padminRole.id }, acting.cookie)).toMatchObject({ reason: 'LAST_ROLE' });
    const actingAdmin = await api.db.prisma.roleAssignment.findFirstOrThrow({
      where: { userId: acting.id, role: 'ADMIN' },
    });
    // Deactivate padmin: the acting administrator stays, so it is allowed; then acting is the last one.
    expect(await call(ACTIVE, { id: provinceAdmin.id, active: false }, acting.cookie)).toMatchObject({
      active: false,
    });
    expect(await call(REMOVE, { id: actingAdmin.id }, acting.cookie)).toMatchObject({
      reason: 'LAST_ADMIN',
      message:
        'This is the province’s last administrator: give the administrator role to someone else first.',
    });
    expect(await call(ACTIVE, { id: provinceAdmin.id, active: true }, acting.cookie)).toMatchObject({
      active: true,
    });
    provinceAdmin.cookie = await api.login(
      (await api.db.prisma.user.findUniqueOrThrow({ where: { id: provinceAdmin.id } })).email,
    );
    // With padmin active again, acting's ADMIN role may go (they keep STEERING).
    expect(await call(REMOVE, { id: actingAdmin.id }, acting.cookie)).toMatchObject({
      roles: [{ role: 'STEERING' }],
    });
    // Deactivating the last one could only be asked by themself: refused as such.
    expect(await call(ACTIVE, { id: provinceAdmin.id, active: false }, provinceAdmin.cookie)).toMatchObject({
      reason: 'SELF',
    });
  });

  it('lists and searches people of the subtree, with their roles there', async () => {
    const list = await api.gql<{
      adminUsers: { totalCount: number; edges: { node: { email: string; otherRoleCount: number } }[] };
    }>(
      `{ adminUsers(first: 50, search: "WIDE") { totalCount edges { node { email otherRoleCount } } } }`,
      {},
      { cookie: admin.cookie },
    );
    expect(list.data?.adminUsers).toEqual({
      totalCount: 1,
      edges: [{ node: { email: 'wide@admin-people.demo', otherRoleCount: 1 } }],
    });
    const all = await api.gql<{ adminUsers: { edges: { node: { email: string } }[] } }>(
      `{ adminUsers(first: 200) { edges { node { email } } } }`,
      {},
      { cookie: admin.cookie },
    );
    const emails = all.data!.adminUsers.edges.map((edge) => edge.node.email);
    expect(emails).toContain('head@test.demo');
    expect(emails).not.toContain('otherhead@test.demo');
  });
});
