import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../api/src/auth.ts';
import { createAuthApi, LOGIN } from '../helpers/auth-api.ts';

let api: Awaited<ReturnType<typeof createAuthApi>>;
beforeAll(async () => {
  api = await createAuthApi();
});
afterAll(() => api?.close());

const sessionsOf = (userId: string) => api.db.prisma.session.count({ where: { userId } });

describe('session lifetime', () => {
  it('the documented numbers: 60 minutes idle, 12 hours at most', () => {
    expect(SESSION_IDLE_MS).toBe(60 * 60_000);
    expect(SESSION_ABSOLUTE_MS).toBe(12 * 60 * 60_000);
  });

  it('ends after an hour without a request', async () => {
    const cookie = await api.signIn(api.fixtures.users.head.email);
    api.advance(55);
    expect(await api.whoIs(cookie)).toBe('Trần Thị Trưởng');
    // 55 minutes after that request the session still lives; 61 minutes after it, not.
    api.advance(55);
    expect(await api.whoIs(cookie)).toBe('Trần Thị Trưởng');
    api.advance(61);
    expect(await api.whoIs(cookie)).toBeNull();
  });

  it('ends 12 hours after sign-in however busy the day was', async () => {
    const cookie = await api.signIn(api.fixtures.users.steering.email);
    // A request every 50 minutes for 11 h 40 min keeps it alive…
    for (let minutes = 50; minutes <= 700; minutes += 50) {
      api.advance(50);
      expect(await api.whoIs(cookie)).toBe('Phạm Văn Chỉ Đạo');
    }
    // …and 12 hours after sign-in it ends, although the last request was 21 minutes ago.
    api.advance(21);
    expect(await api.whoIs(cookie)).toBeNull();
  });

  it('expired sessions are deleted at the next sign-in', async () => {
    const { townHead } = api.fixtures.users;
    await api.signIn(townHead.email);
    await api.signIn(townHead.email);
    expect(await sessionsOf(townHead.id)).toBe(2);
    api.advance(61);
    await api.signIn(api.fixtures.users.otherHead.email);
    expect(await sessionsOf(townHead.id)).toBe(0);
  });

  it('every sign-in gets a new token, and the cookie lives no longer than the session', async () => {
    const response = await api.gql(LOGIN, {
      email: api.fixtures.users.head.email,
      password: api.fixtures.password,
    });
    const first = response.headers.get('set-cookie')!;
    const second = await api.signIn(api.fixtures.users.head.email);
    expect(first.split(';')[0]).not.toBe(second);
    const expires = new Date(/Expires=([^;]+)/i.exec(first)![1]!).getTime();
    expect(expires - Date.now()).toBeLessThanOrEqual(SESSION_ABSOLUTE_MS);
  });
});

describe('cookie', () => {
  it('development: rt_session, HttpOnly, SameSite=Lax, not Secure (http://localhost)', async () => {
    const response = await api.gql(LOGIN, {
      email: api.fixtures.users.head.email,
      password: api.fixtures.password,
    });
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^rt_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('production: __Host-rt_session, Secure, Path=/, no Domain; the plain name is not read', async () => {
    const yoga = api.api({ production: true });
    const response = await api.gql(
      LOGIN,
      { email: api.fixtures.users.head.email, password: api.fixtures.password },
      { yoga },
    );
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^__Host-rt_session=/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; Path=\/(;|$)/);
    expect(cookie).not.toMatch(/Domain=/i);
    const pair = cookie.split(';')[0]!;
    expect(await api.whoIs(pair, yoga)).toBe('Trần Thị Trưởng');
    const token = pair.slice(pair.indexOf('=') + 1);
    expect(await api.whoIs(`rt_session=${token}`, yoga)).toBeNull();
  });
});

describe('signing out', () => {
  it('logout ends this session only', async () => {
    const laptop = await api.signIn(api.fixtures.users.townHead.email);
    const phone = await api.signIn(api.fixtures.users.townHead.email);
    const response = await api.gql('mutation { logout }', {}, { cookie: laptop });
    expect(response.body.data).toEqual({ logout: true });
    expect(response.headers.get('set-cookie')).toMatch(/^rt_session=;.*Expires=Thu, 01 Jan 1970/);
    expect(await api.whoIs(laptop)).toBeNull();
    expect(await api.whoIs(phone)).toBe('Lê Văn Thị Trấn');
  });

  it('logoutEverywhere ends every session of the user, and nobody else’s', async () => {
    const laptop = await api.signIn(api.fixtures.users.otherHead.email);
    const phone = await api.signIn(api.fixtures.users.otherHead.email, { address: '198.51.100.7' });
    const colleague = await api.signIn(api.fixtures.users.otherSteering.email);
    const response = await api.gql('mutation { logoutEverywhere }', {}, { cookie: phone });
    expect(response.body.data).toEqual({ logoutEverywhere: true });
    expect(response.headers.get('set-cookie')).toMatch(/^rt_session=;/);
    expect(await api.whoIs(laptop)).toBeNull();
    expect(await api.whoIs(phone)).toBeNull();
    expect(await sessionsOf(api.fixtures.users.otherHead.id)).toBe(0);
    expect(await api.whoIs(colleague)).toBe('Đỗ Văn Ngoài');
  });

  it('logoutEverywhere without a session is refused with UNAUTHENTICATED', async () => {
    const response = await api.gql('mutation { logoutEverywhere }');
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
