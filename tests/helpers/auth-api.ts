// The API for sign-in, session and header tests: a real PostgreSQL and the real schema through
// yoga.fetch, with a clock the test moves. No Temporal server: these operations never reach
// it (the client is a real one that would connect lazily, on first use).
import { createApi, type ApiDependencies } from '../../api/src/yoga.ts';
import { lazyTemporalClient, temporalCommands } from '../../api/src/temporal.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { createFixtures } from './fixtures.ts';

export const LOGIN = `mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { __typename ... on Error { message } }
}`;

export interface Answer {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
}

export async function createAuthApi() {
  const db: TestDatabase = await createTestDatabase();
  const fixtures = await createFixtures(db.prisma);
  const commands = temporalCommands(lazyTemporalClient({ address: '127.0.0.1:1', namespace: 'unused' }));
  const clock = { now: new Date('2026-11-25T01:00:00Z') };
  const advance = (minutes: number) => {
    clock.now = new Date(clock.now.getTime() + minutes * 60_000);
  };

  /** One API instance, as one web process would build it. */
  const api = (options: Partial<ApiDependencies> = {}) =>
    createApi({ prisma: db.prisma, commands, clock: () => clock.now, production: false, ...options });
  const development = api();

  /** POSTs a GraphQL operation; `address` is what the web layer passes as the client address. */
  async function gql(
    query: string,
    variables: Record<string, unknown> = {},
    options: {
      yoga?: ReturnType<typeof api>;
      cookie?: string;
      address?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Answer> {
    const response = await (options.yoga ?? development).fetch(
      'http://test/graphql',
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'accept-language': 'en',
          ...(options.cookie ? { cookie: options.cookie } : {}),
          ...options.headers,
        },
        body: JSON.stringify({ query, variables }),
      },
      { clientAddress: options.address ?? '192.0.2.10' },
    );
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Answer['body'],
    };
  }

  /** The login's typename, or its error message. */
  async function attempt(
    email: string,
    password: string,
    options: Parameters<typeof gql>[2] = {},
  ): Promise<string> {
    const { body } = await gql(LOGIN, { email, password }, options);
    const login = body.data?.login as { __typename: string; message?: string } | undefined;
    return login?.message ?? login?.__typename ?? JSON.stringify(body);
  }

  /** Signs in and returns the `name=value` of the session cookie. */
  async function signIn(email: string, options: Parameters<typeof gql>[2] = {}): Promise<string> {
    const response = await gql(LOGIN, { email, password: fixtures.password }, options);
    const cookie = response.headers.get('set-cookie')?.split(';')[0];
    if (!cookie) throw new Error(`sign-in failed for ${email}: ${JSON.stringify(response.body)}`);
    return cookie;
  }

  /** The signed-in user's name for this cookie, or null. */
  async function whoIs(cookie: string, yoga = development): Promise<string | null> {
    const { body } = await gql('{ me { name } }', {}, { cookie, yoga });
    return (body.data?.me as { name: string } | null)?.name ?? null;
  }

  return { db, fixtures, clock, advance, api, gql, attempt, signIn, whoIs, close: () => db.drop() };
}
