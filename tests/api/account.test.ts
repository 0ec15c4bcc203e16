// The signed-in user's own account through the API: the saved language (what the API answers
// in and what the next e-mail is written in) and changing the password.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../api/src/passwords.ts';
import { notify } from '../../workflows/src/activities/notify.ts';
import { createAuthApi } from '../helpers/auth-api.ts';

let api: Awaited<ReturnType<typeof createAuthApi>>;
beforeAll(async () => {
  api = await createAuthApi();
});
afterAll(() => api?.close());

/** A person of their own for each test, so throttle counts and sessions do not mix. */
async function person(key: string, locale = 'en') {
  return api.db.prisma.user.create({
    data: {
      email: `${key}@account.demo`,
      name: `Người ${key}`,
      passwordHash: await hashPassword(api.fixtures.password),
      locale,
      roles: { create: { role: 'UNIT_HEAD', unitId: api.fixtures.units.commune.id } },
    },
  });
}

const SET_LANGUAGE = `mutation($locale: Locale!) { setLanguage(locale: $locale) { id locale } }`;
const CHANGE = `mutation($current: String!, $next: String!) {
  changePassword(currentPassword: $current, newPassword: $next) {
    __typename
    ... on PasswordChanged { otherSessionsEnded }
    ... on Error { message }
    ... on InvalidInputError { issues { field message } }
  }
}`;

/** The e-mail the notify activity queues for this user, as the outbox holds it. */
async function nextEmail(userId: string) {
  const eventId = `test-${randomUUID()}`;
  await api.db.prisma.$transaction((tx) =>
    notify(tx, {
      eventId,
      userIds: [userId],
      kind: 'task.assigned',
      params: { title: 'Số hoá hồ sơ', dueDate: '2026-12-31' },
      link: '/tasks/t-1',
    }),
  );
  return api.db.prisma.emailOutbox.findFirstOrThrow({
    where: { notification: { eventId: `${eventId}:notify:${userId}` } },
    select: { subject: true, body: true },
  });
}

describe('setLanguage', () => {
  it('saves the language: the API answers in it and the next e-mail is written in it', async () => {
    const user = await person('language');
    const cookie = await api.signIn(user.email);
    expect((await nextEmail(user.id)).subject).toBe('New task: Số hoá hồ sơ');

    const { body } = await api.gql(SET_LANGUAGE, { locale: 'vi' }, { cookie });
    expect(body.data).toEqual({ setLanguage: { id: user.id, locale: 'vi' } });
    expect((await api.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe('vi');

    // The browser still says English; the saved choice wins.
    const missing = await api.gql(
      `mutation { markNotificationRead(id: "nothing") { __typename ... on Error { message } } }`,
      {},
      { cookie, headers: { 'accept-language': 'en' } },
    );
    expect(missing.body.data?.markNotificationRead).toEqual({
      __typename: 'NotFoundError',
      message: 'Không tìm thấy thông báo này.',
    });
    const list = await api.gql('{ notifications(first: 1) { edges { node { title } } } }', {}, { cookie });
    expect(list.body.data?.notifications).toEqual({
      edges: [{ node: { title: 'Nhiệm vụ mới: Số hoá hồ sơ' } }],
    });
    expect(await nextEmail(user.id)).toEqual({
      subject: 'Nhiệm vụ mới: Số hoá hồ sơ',
      body: 'Đơn vị được giao nhiệm vụ "Số hoá hồ sơ", hạn 31/12/2026.',
    });

    await api.gql(SET_LANGUAGE, { locale: 'en' }, { cookie });
    expect((await nextEmail(user.id)).subject).toBe('New task: Số hoá hồ sơ');
  });

  it('a language the app does not have is refused and nothing is saved', async () => {
    const user = await person('french');
    const cookie = await api.signIn(user.email);
    const { status, body } = await api.gql(SET_LANGUAGE, { locale: 'fr' }, { cookie });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toContain('Locale');
    expect((await api.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe('en');
  });

  it('needs a session', async () => {
    const { body } = await api.gql(SET_LANGUAGE, { locale: 'vi' });
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('changePassword', () => {
  const NEW = 'đồng hồ cát mùa thu 2026';

  it('with the right current password: stores the new one, signs out other devices, keeps this one', async () => {
    const user = await person('change');
    const here = await api.signIn(user.email);
    const phone = await api.signIn(user.email, { address: '198.51.100.7' });
    const { body } = await api.gql(CHANGE, { current: api.fixtures.password, next: NEW }, { cookie: here });
    expect(body.data?.changePassword).toEqual({ __typename: 'PasswordChanged', otherSessionsEnded: 1 });

    expect(await api.whoIs(here)).toBe('Người change');
    expect(await api.whoIs(phone)).toBeNull();
    expect(await api.attempt(user.email, api.fixtures.password)).toBe('Wrong e-mail or password.');
    expect(await api.attempt(user.email, NEW)).toBe('LoginSuccess');
    const stored = await api.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored.passwordHash).not.toContain(NEW);
    const audit = await api.db.prisma.auditEvent.findMany({ where: { entityId: user.id } });
    expect(audit).toMatchObject([
      { action: 'user.passwordChanged', actorId: user.id, before: null, after: null },
    ]);
  });

  it('a wrong current password is its own typed error, in the user’s language, and changes nothing', async () => {
    const user = await person('wrong', 'vi');
    const cookie = await api.signIn(user.email);
    const before = (await api.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    const vi = await api.gql(CHANGE, { current: 'not my password', next: NEW }, { cookie });
    expect(vi.body.data?.changePassword).toEqual({
      __typename: 'WrongPasswordError',
      message: 'Mật khẩu hiện tại không đúng.',
    });
    await api.gql(SET_LANGUAGE, { locale: 'en' }, { cookie });
    const en = await api.gql(CHANGE, { current: 'not my password', next: NEW }, { cookie });
    expect(en.body.data?.changePassword).toEqual({
      __typename: 'WrongPasswordError',
      message: 'The current password is wrong.',
    });
    expect((await api.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(
      before,
    );
    expect(await api.whoIs(cookie)).toBe('Người wrong');
  });

  it('wrong current passwords count against sign-in to the account: after 5, even the right one waits', async () => {
    const user = await person('guesser');
    const cookie = await api.signIn(user.email);
    for (let i = 0; i < 5; i += 1) {
      const { body } = await api.gql(CHANGE, { current: `guess number ${i}`, next: NEW }, { cookie });
      expect((body.data?.changePassword as { __typename: string }).__typename).toBe('WrongPasswordError');
    }
    const blocked = await api.gql(CHANGE, { current: api.fixtures.password, next: NEW }, { cookie });
    expect(blocked.body.data?.changePassword).toEqual({
      __typename: 'TooManyAttemptsError',
      message: 'Too many wrong passwords. Try again in 15 minutes.',
    });
    const vi = await api.gql(
      CHANGE,
      { current: api.fixtures.password, next: NEW },
      { cookie: `${cookie}; rt_locale=vi` },
    );
    expect(vi.body.data?.changePassword).toEqual({
      __typename: 'TooManyAttemptsError',
      message: 'Nhập sai mật khẩu quá nhiều lần. Vui lòng thử lại sau 15 phút.',
    });
    // The same counter as sign-in: this address cannot sign in to the account either.
    expect(await api.attempt(user.email, api.fixtures.password)).toBe(
      'Too many failed sign-ins. Try again in 15 minutes.',
    );
    api.advance(16);
    const later = await api.gql(CHANGE, { current: api.fixtures.password, next: NEW }, { cookie });
    expect((later.body.data?.changePassword as { __typename: string }).__typename).toBe('PasswordChanged');
  });

  it('a new password that breaks the policy is refused by field, in vi and en, and writes nothing', async () => {
    const user = await person('policy');
    const cookie = await api.signIn(user.email);
    const phone = await api.signIn(user.email, { address: '198.51.100.8' });
    const before = (await api.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    const refused = async (current: string, next: string, locale = 'en') => {
      const jar = locale === 'vi' ? `${cookie}; rt_locale=vi` : cookie;
      const { body } = await api.gql(CHANGE, { current, next }, { cookie: jar });
      const answer = body.data?.changePassword as { __typename: string; issues: unknown[] };
      expect(answer.__typename).toBe('InvalidInputError');
      return answer.issues;
    };
    const right = api.fixtures.password;
    expect(await refused(right, 'mười một kt')).toEqual([
      { field: 'newPassword', message: 'The new password must have at least 12 characters.' },
    ]);
    // Counted in characters, not bytes: these 11 are 15 bytes of UTF-8.
    expect(await refused(right, 'mười một kt', 'vi')).toEqual([
      { field: 'newPassword', message: 'Mật khẩu mới phải có ít nhất 12 ký tự.' },
    ]);
    expect(await refused(right, 'x'.repeat(1025))).toEqual([
      { field: 'newPassword', message: 'The new password may have at most 1024 characters.' },
    ]);
    expect(await refused(right, right)).toEqual([
      { field: 'newPassword', message: 'The new password must differ from the current one.' },
    ]);
    expect(await refused(right, 'POLICY@account.demo')).toEqual([
      {
        field: 'newPassword',
        message: 'The new password cannot be your e-mail address (or its name before the @).',
      },
    ]);
    expect(await refused(right, 'policy@account.demo', 'vi')).toEqual([
      {
        field: 'newPassword',
        message: 'Mật khẩu mới không được là địa chỉ email (hay phần tên trước @) của bạn.',
      },
    ]);
    expect(await refused('', NEW)).toEqual([
      { field: 'currentPassword', message: 'This field is required.' },
    ]);
    // Nothing written, no device signed out, and none of these counted as a wrong password.
    expect((await api.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(
      before,
    );
    expect(await api.whoIs(phone)).toBe('Người policy');
    const ok = await api.gql(CHANGE, { current: right, next: 'đúng mười hai' }, { cookie });
    expect(ok.body.data?.changePassword).toEqual({ __typename: 'PasswordChanged', otherSessionsEnded: 1 });
  });

  it('needs a session', async () => {
    const { body } = await api.gql(CHANGE, { current: api.fixtures.password, next: NEW });
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
