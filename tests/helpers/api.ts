import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createApi } from '../../api/src/yoga.ts';
import { temporalCommands } from '../../api/src/temporal.ts';
import { createActivities } from '../../workflows/src/activities/index.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { createFixtures } from './fixtures.ts';
import { createTimeSkippingEnv, workflowBundle } from './temporal.ts';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** The API wired to a real PostgreSQL and a real Temporal test server with a worker. */
export async function createApiHarness() {
  const taskQueue = `api-test-${Math.random().toString(36).slice(2, 8)}`;
  const [env, db]: [TestWorkflowEnvironment, TestDatabase] = await Promise.all([
    createTimeSkippingEnv(),
    createTestDatabase(),
  ]);
  const fixtures = await createFixtures(db.prisma);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities({ prisma: db.prisma, temporal: { client: env.client, taskQueue } }),
  });
  const running = worker.run();
  const yoga = createApi({
    prisma: db.prisma,
    commands: temporalCommands(env.client, taskQueue),
    production: false,
  });

  async function gql<T = Record<string, Record<string, unknown>>>(
    query: string,
    variables: Record<string, unknown> = {},
    options: { cookie?: string; locale?: string } = {},
  ): Promise<GraphQLResponse<T> & { status: number; setCookie: string | null }> {
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'accept-language': options.locale ?? 'en',
        ...(options.cookie ? { cookie: options.cookie } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GraphQLResponse<T>;
    return { ...body, status: response.status, setCookie: response.headers.get('set-cookie') };
  }

  /** Signs in and returns the session cookie to send with later requests. */
  async function login(email: string, password = fixtures.password): Promise<string> {
    const result = await gql(
      `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { __typename } }`,
      { email, password },
    );
    const cookie = result.setCookie?.split(';')[0];
    if (!cookie) throw new Error(`login failed for ${email}: ${JSON.stringify(result)}`);
    return cookie;
  }

  async function close(): Promise<void> {
    worker.shutdown();
    await running;
    await env.teardown();
    await db.drop();
  }

  return { env, db, fixtures, yoga, gql, login, close, taskQueue };
}
