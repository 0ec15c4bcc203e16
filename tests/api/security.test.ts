import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_LIMITS, LoginThrottle, clientKey } from '../../api/src/login-throttle.ts';
import { demoLogins } from '../../prisma/seed.ts';
import { DEMO_EMAIL_DOMAIN, refuseDemoAccounts } from '../../scripts/lib/demo-accounts.ts';
import { createAuthApi } from '../helpers/auth-api.ts';

let api: Awaited<ReturnType<typeof createAuthApi>>;
beforeAll(async () => {
  api = await createAuthApi();
});
afterAll(() => api?.close());

const WRONG = 'Wrong e-mail or password.';
const THROTTLED = 'Too many failed sign-ins. Try again in 15 minutes.';
const OFFICE = '203.0.113.5';

describe('sign-in throttling in PostgreSQL', () => {
  it('the documented numbers', () => {
    expect(LOGIN_LIMITS).toEqual({ pair: 5, account: 20, address: 100, windowMs: 15 * 60_000 });
  });

  it('20 parallel wrong passwords: 5 are checked, 15 throttled; then a colleague in the same office signs in', async () => {
    const { head, townHead } = api.fixtures.users;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => api.attempt(head.email, 'wrong', { address: OFFICE })),
    );
    expect(answers.filter((answer) => answer === WRONG)).toHaveLength(5);
    expect(answers.filter((answer) => answer === THROTTLED)).toHaveLength(15);
    // The right password does not help on this address now…
    expect(await api.attempt(head.email, api.fixtures.password, { address: OFFICE })).toBe(THROTTLED);
    // …but the colleague at the next desk is not locked out,
    expect(await api.attempt(townHead.email, api.fixtures.password, { address: OFFICE })).toBe(
      'LoginSuccess',
    );
    // and after the window the person may try again.
    api.advance(15);
    expect(await api.attempt(head.email, api.fixtures.password, { address: OFFICE })).toBe('LoginSuccess');
  });

  it('every web process shares the count (two API instances, one database)', async () => {
    const { otherHead } = api.fixtures.users;
    const first = api.api();
    const second = api.api();
    for (let i = 0; i < 3; i++) await api.attempt(otherHead.email, 'wrong', { yoga: first });
    for (let i = 0; i < 2; i++) await api.attempt(otherHead.email, 'wrong', { yoga: second });
    expect(await api.attempt(otherHead.email, api.fixtures.password, { yoga: first })).toBe(THROTTLED);
    expect(await api.attempt(otherHead.email, api.fixtures.password, { yoga: second })).toBe(THROTTLED);
    api.advance(15);
  });

  it('a success starts the person’s count on that address again', async () => {
    const { steering } = api.fixtures.users;
    for (let i = 0; i < 4; i++) expect(await api.attempt(steering.email, 'typo')).toBe(WRONG);
    expect(await api.attempt(steering.email, api.fixtures.password)).toBe('LoginSuccess');
    for (let i = 0; i < 5; i++) expect(await api.attempt(steering.email, 'typo')).toBe(WRONG);
    expect(await api.attempt(steering.email, 'typo')).toBe(THROTTLED);
    api.advance(15);
  });

  it('per account across addresses, and per address across accounts (small limits)', async () => {
    const small = { pair: 2, account: 4, address: 6, windowMs: 15 * 60_000 };
    const yoga = api.api({ throttle: new LoginThrottle(api.db.prisma, small) });
    const { head, townHead } = api.fixtures.users;
    // Guessing one account from many addresses: the fifth address is refused even with the password.
    for (const n of [1, 2, 3, 4])
      expect(await api.attempt(head.email, 'guess', { yoga, address: `198.51.100.${n}` })).toBe(WRONG);
    expect(await api.attempt(head.email, api.fixtures.password, { yoga, address: '198.51.100.5' })).toBe(
      THROTTLED,
    );
    api.advance(15);
    // One machine trying many accounts (unknown e-mails count too): the address is stopped.
    for (const n of [1, 2, 3, 4, 5, 6])
      expect(await api.attempt(`nobody${n}@test.demo`, 'guess', { yoga, address: '192.0.2.99' })).toBe(WRONG);
    expect(await api.attempt(townHead.email, api.fixtures.password, { yoga, address: '192.0.2.99' })).toBe(
      THROTTLED,
    );
    api.advance(15);
  });

  it('one machine repeating a wrong password locks neither the account nor its office address for others', async () => {
    const small = { pair: 2, account: 4, address: 6, windowMs: 15 * 60_000 };
    const yoga = api.api({ throttle: new LoginThrottle(api.db.prisma, small) });
    const { head, townHead, steering } = api.fixtures.users;
    // Someone (or a stuck mail client) at one address tries the head's account 30 times…
    const answers: string[] = [];
    for (let i = 0; i < 30; i++)
      answers.push(await api.attempt(head.email, 'guess', { yoga, address: '198.51.100.66' }));
    expect(answers.filter((answer) => answer === WRONG)).toHaveLength(2);
    // …the head still signs in from their own office,
    expect(await api.attempt(head.email, api.fixtures.password, { yoga, address: OFFICE })).toBe(
      'LoginSuccess',
    );
    // and a colleague behind that same address is not locked out either.
    expect(await api.attempt(townHead.email, api.fixtures.password, { yoga, address: '198.51.100.66' })).toBe(
      'LoginSuccess',
    );
    expect(await api.attempt(steering.email, api.fixtures.password, { yoga, address: '198.51.100.66' })).toBe(
      'LoginSuccess',
    );
    api.advance(15);
  });

  it('an IPv6 client is its /64: rotating privacy addresses do not reset the count', async () => {
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:0db8:0001:0002:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::ffff:203.0.113.5')).toBe('203.0.113.5');
    expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    const { townHead } = api.fixtures.users;
    for (const n of [1, 2, 3, 4, 5])
      expect(await api.attempt(townHead.email, 'typo', { address: `2001:db8:7:7::${n}` })).toBe(WRONG);
    expect(await api.attempt(townHead.email, api.fixtures.password, { address: '2001:db8:7:7::99' })).toBe(
      THROTTLED,
    );
    expect(await api.attempt(townHead.email, api.fixtures.password, { address: '2001:db8:7:8::1' })).toBe(
      'LoginSuccess',
    );
    api.advance(15);
  });

  it('expired windows are purged at the next successful sign-in', async () => {
    await api.attempt('stale@test.demo', 'x', { address: '192.0.2.200' });
    expect(await api.db.prisma.loginThrottle.count({ where: { key: 'stale@test.demo' } })).toBe(1);
    api.advance(16);
    await api.signIn(api.fixtures.users.townHead.email);
    expect(await api.db.prisma.loginThrottle.count({ where: { key: 'stale@test.demo' } })).toBe(0);
  });
});

describe('cross-origin requests (ORIGIN = https://cchc.example.gov.vn)', () => {
  const origin = 'https://cchc.example.gov.vn';
  const preflight = (yoga: ReturnType<typeof api.api>, from: string) =>
    yoga.fetch('http://test/graphql', {
      method: 'OPTIONS',
      headers: {
        origin: from,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });

  it('a preflight from another origin is not allowed; one from ORIGIN is', async () => {
    const yoga = api.api({ production: true, origin });
    const evil = await preflight(yoga, 'https://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(evil.headers.get('access-control-allow-credentials')).toBeNull();
    const own = await preflight(yoga, origin);
    expect(own.headers.get('access-control-allow-origin')).toBe(origin);
    expect(own.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('a JSON mutation from another origin with a session cookie is refused and does nothing', async () => {
    const yoga = api.api({ production: true, origin });
    const cookie = await api.signIn(api.fixtures.users.otherSteering.email, { yoga });
    const response = await api.gql(
      'mutation { logoutEverywhere }',
      {},
      {
        yoga,
        cookie,
        headers: { origin: 'https://evil.example' },
      },
    );
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors?.[0]?.message).toBe(
      'This request comes from another website and was not carried out.',
    );
    expect(await api.whoIs(cookie, yoga)).toBe('Đỗ Văn Ngoài');
    // The same request from the app's own origin runs.
    const own = await api.gql('mutation { logoutEverywhere }', {}, { yoga, cookie, headers: { origin } });
    expect(own.body.data).toEqual({ logoutEverywhere: true });
  });

  it('a form-like (text/plain) post without the CSRF header is refused', async () => {
    const yoga = api.api({ production: true, origin });
    const cookie = await api.signIn(api.fixtures.users.otherSteering.email, { yoga });
    const response = await yoga.fetch(
      'http://test/graphql',
      {
        method: 'POST',
        headers: { 'content-type': 'text/plain', cookie },
        body: JSON.stringify({ query: 'mutation { logoutEverywhere }' }),
      },
      { clientAddress: '192.0.2.10' },
    );
    expect(response.status).toBe(403);
    expect(await api.whoIs(cookie, yoga)).toBe('Đỗ Văn Ngoài');
  });

  it('API answers are never cached', async () => {
    const response = await api.gql('{ me { name } }');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('production is safe by default', () => {
  it('no GraphiQL and no introspection in production; both in development', async () => {
    const production = api.api({ production: true });
    const page = await production.fetch('http://test/graphql', { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/graphiql/i);
    const introspection = await api.gql('{ __schema { types { name } } }', {}, { yoga: production });
    expect(introspection.body.data?.__schema).toBeUndefined();
    expect(introspection.body.errors?.[0]?.message).toMatch(/introspection/i);

    const development = api.api({ production: false });
    const graphiql = await development.fetch('http://test/graphql', { headers: { accept: 'text/html' } });
    expect(await graphiql.text()).toMatch(/graphiql/i);
    const schema = await api.gql('{ __schema { queryType { name } } }');
    expect(schema.body.data?.__schema).toEqual({ queryType: { name: 'Query' } });
  });

  it('a start in production is refused while demo accounts exist', async () => {
    expect(demoLogins.every((login) => login.email.endsWith(DEMO_EMAIL_DOMAIN))).toBe(true);
    await expect(refuseDemoAccounts(api.db.url)).resolves.toBeUndefined();
    await api.db.prisma.user.create({
      data: { email: `admin${DEMO_EMAIL_DOMAIN}`, name: 'Demo', passwordHash: 'x' },
    });
    await expect(refuseDemoAccounts(api.db.url)).rejects.toThrow(
      /NODE_ENV=production, but the database holds 1 demo account\(s\)/,
    );
  });
});
