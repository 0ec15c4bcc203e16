// What one GraphQL request may ask for: the cost budget measured on the pages' own queries,
// page sizes refused (never clamped), alias and repeated-field limits, and 413 for large bodies,
// through yoga.fetch and through SvelteKit's Node request reader (what adapter-node uses).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequest } from '@sveltejs/kit/node';
import { parse, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../api/src/yoga.ts';
import { lazyTemporalClient, temporalCommands } from '../../api/src/temporal.ts';
import { schema } from '../../api/src/schema/index.ts';
import {
  MAX_ALIASES,
  MAX_BODY_BYTES,
  MAX_PAGE_SIZE,
  MAX_UNITS,
  QUERY_COST_BUDGET,
  queryCost,
} from '../../api/src/limits.ts';
import {
  DASHBOARD_QUERY,
  NOTIFICATIONS_QUERY,
  PLAN_PAGE_QUERY,
  TASK_LIST_QUERY,
} from '../../web/src/lib/queries.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createFixtures } from '../helpers/fixtures.ts';

let db: TestDatabase;
let fixtures: Awaited<ReturnType<typeof createFixtures>>;
let development: ReturnType<typeof createApi>;
let production: ReturnType<typeof createApi>;
let steering: string;
let productionSteering: string;

interface Answer {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function post(
  api: ReturnType<typeof createApi>,
  body: string | ReadableStream<Uint8Array>,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await api.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en', ...headers },
    body,
    ...(typeof body === 'string' ? {} : { duplex: 'half' }),
  } as RequestInit);
  const text = await response.text();
  return { status: response.status, ...(text ? (JSON.parse(text) as object) : {}) };
}

const gql = (
  query: string,
  variables: Record<string, unknown> = {},
  options: { api?: ReturnType<typeof createApi>; locale?: string } = {},
) =>
  post(options.api ?? development, JSON.stringify({ query, variables }), {
    cookie: options.api === production ? productionSteering : steering,
    'accept-language': options.locale ?? 'en',
  });

beforeAll(async () => {
  db = await createTestDatabase();
  fixtures = await createFixtures(db.prisma);
  // Reads only: the Temporal client is never connected.
  const commands = temporalCommands(lazyTemporalClient({ address: '127.0.0.1:1', namespace: 'default' }));
  development = createApi({ prisma: db.prisma, commands, production: false });
  production = createApi({ prisma: db.prisma, commands, production: true });
  const login = async (api: ReturnType<typeof createApi>) => {
    const response = await api.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { __typename } }`,
        variables: { e: fixtures.users.steering.email, p: fixtures.password },
      }),
    });
    return response.headers.get('set-cookie')!.split(';')[0]!;
  };
  steering = await login(development);
  productionSteering = await login(production);
});
afterAll(() => db?.drop());

describe('the cost budget', () => {
  const pages = {
    dashboard: { query: print(DASHBOARD_QUERY), variables: {} },
    'plan page': { query: print(PLAN_PAGE_QUERY), variables: { id: 'x', after: null } },
    'task list': { query: print(TASK_LIST_QUERY), variables: { after: null } },
    notifications: { query: print(NOTIFICATIONS_QUERY), variables: { after: null } },
  };

  it('the dashboard, the plan page and the task list fit in the budget with room to spare', () => {
    const costs = Object.fromEntries(
      Object.entries(pages).map(([name, page]) => {
        const cost = queryCost(schema, parse(page.query), page.variables);
        expect(cost).not.toBeNull();
        return [name, cost!];
      }),
    );
    console.log(`query cost (budget ${QUERY_COST_BUDGET}):`, costs);
    for (const cost of Object.values(costs)) {
      expect(cost).toBeGreaterThan(0);
      expect(cost).toBeLessThanOrEqual(QUERY_COST_BUDGET * 0.6);
    }
  });

  it('the pages run in production', async () => {
    for (const page of Object.values(pages)) {
      const result = await gql(page.query, { ...page.variables, id: fixtures.plan.id }, { api: production });
      expect(result.errors).toBeUndefined();
      expect(result.status).toBe(200);
    }
  });

  it('a query built to be expensive is refused before it runs, saying what the budget is', async () => {
    // 100 plans × 200 tasks × their reports: the budget counts the rows it could return.
    const query = `{ plans(first: 100) { edges { node { tasks(first: 200) { edges { node {
      id title reports(first: 20) { edges { node { percent note } } } } } } } } } }`;
    for (const api of [development, production]) {
      const result = await gql(query, {}, { api });
      expect(result.data ?? null).toBeNull();
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0]!.extensions).toMatchObject({
        code: 'QUERY_TOO_EXPENSIVE',
        max: QUERY_COST_BUDGET,
      });
      expect(result.errors![0]!.message).toContain(`at most ${QUERY_COST_BUDGET}`);
    }
    // In the request's language (a signed-in user's own setting wins over the browser's).
    const vi = await post(production, JSON.stringify({ query }), { 'accept-language': 'vi' });
    expect(vi.errors![0]!.message).toMatch(/^Truy vấn quá lớn/);
  });

  it('one field with invalid input does not make the rest of the operation free', async () => {
    const nested = `plan { tasks(first: 200) { edges { node { reports(first: 200) { edges { node { id } } } } } } }`;
    const mutation = `mutation {
      r: reportProgress(input: { taskId: "t", percent: 50 }) { ... on Task { ${nested} } }
      bad: reportProgress(input: { taskId: "t", percent: 500 }) { __typename }
    }`;
    expect(queryCost(schema, parse(mutation))).toBeGreaterThan(QUERY_COST_BUDGET);
    const result = await gql(mutation);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_EXPENSIVE');
    // An ordinary bad input still gets its typed answer.
    const plain = await gql(
      `mutation { reportProgress(input: { taskId: "t", percent: 500 }) { ... on InvalidInputError { issues { field } } } }`,
    );
    expect(plain.errors).toBeUndefined();
    expect(plain.data).toEqual({ reportProgress: { issues: [{ field: 'percent' }] } });
  });

  it('many cheap aggregates add up: every plan’s per-unit figures at once is refused', async () => {
    const result = await gql(`{ plans(first: 50) { edges { node { unitProgress { progress } } } } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_EXPENSIVE');
  });
});

describe('page sizes', () => {
  it('asking for more than the maximum page is refused naming the argument and the maximum', async () => {
    const result = await gql(`{ tasks(first: 500) { totalCount edges { node { id } } } }`);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'PAGE_TOO_LARGE',
      argument: 'first',
      max: MAX_PAGE_SIZE,
    });
    expect(result.errors?.[0]?.message).toBe(
      `The argument "first" may be at most ${MAX_PAGE_SIZE} (got 500); fetch further pages with "after".`,
    );
  });

  it('the same through a variable, on a nested connection, and with `last`', async () => {
    const nested = await gql(`query($n: Int) { plan(id: "x") { tasks(first: $n) { totalCount } } }`, {
      n: MAX_PAGE_SIZE + 1,
    });
    expect(nested.errors?.[0]?.extensions).toMatchObject({ code: 'PAGE_TOO_LARGE', argument: 'first' });
    const last = await gql(`{ plans(last: 1000) { totalCount } }`);
    expect(last.errors?.[0]?.extensions).toMatchObject({ code: 'PAGE_TOO_LARGE', argument: 'last' });
    const both = await gql(`{ plans(first: 10, last: 100000) { totalCount } }`);
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'PAGE_TOO_LARGE', argument: 'last' });
  });

  it('a page position that was never given out is refused by name, in the viewer’s language', async () => {
    const query = `{ tasks(first: 5, after: "garbage") { totalCount } }`;
    const result = await gql(query);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_CURSOR', argument: 'after' });
    expect(result.errors?.[0]?.message).toContain('The argument "after" is not a valid page position');
    const vi = await post(production, JSON.stringify({ query }), { 'accept-language': 'vi' });
    expect(vi.errors?.[0]?.message).toContain('Tham số "after" không phải là vị trí trang hợp lệ');
  });

  it('the maximum itself is served, with a total count, and more pages follow with `after`', async () => {
    const plan = fixtures.plan;
    await db.prisma.task.createMany({
      data: Array.from({ length: MAX_PAGE_SIZE + 5 }, (_, index) => ({
        planId: plan.id,
        areaId: fixtures.area.id,
        assigneeUnitId: fixtures.units.commune.id,
        title: `Nhiệm vụ ${index}`,
        dueDate: new Date(Date.UTC(2099, 0, 1 + index)),
        createdById: fixtures.users.steering.id,
      })),
    });
    const page = `query($after: String) { tasks(first: ${MAX_PAGE_SIZE}, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    type Page = {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
      edges: unknown[];
    };
    const first = (await gql(page)).data?.tasks as Page;
    expect(first.totalCount).toBe(MAX_PAGE_SIZE + 5);
    expect(first.edges).toHaveLength(MAX_PAGE_SIZE);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await gql(page, { after: first.pageInfo.endCursor })).data?.tasks as Page;
    expect(second.edges).toHaveLength(5);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });
});

describe('aliases and repeated fields', () => {
  it(`200 aliases of __typename are refused (production too); ${MAX_ALIASES} are fine`, async () => {
    const flood = `{ ${Array.from({ length: 200 }, (_, index) => `a${index}: __typename`).join(' ')} }`;
    for (const api of [development, production]) {
      const result = await gql(flood, {}, { api });
      expect(result.data ?? null).toBeNull();
      expect(result.errors).toHaveLength(1);
      expect(result.errors?.[0]).toMatchObject({
        message: `The query has 200 aliases; at most ${MAX_ALIASES} are allowed.`,
        extensions: { code: 'TOO_MANY_ALIASES', max: MAX_ALIASES },
      });
    }
    const fine = `{ ${Array.from({ length: MAX_ALIASES }, (_, index) => `a${index}: __typename`).join(' ')} }`;
    const accepted = await gql(fine);
    expect(accepted.errors).toBeUndefined();
    expect(Object.keys(accepted.data ?? {})).toHaveLength(MAX_ALIASES);
  });

  it('aliases in a fragment count each time the fragment is spread', async () => {
    const fragment = `fragment F on Query { ${Array.from({ length: 8 }, (_, i) => `f${i}: __typename`).join(' ')} }`;
    expect((await gql(`{ ...F } ${fragment}`)).errors).toBeUndefined();
    const twice = await gql(`{ ...F ...F } ${fragment}`);
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_ALIASES', found: 16 });
  });

  it('one field selected over and over is refused', async () => {
    const result = await gql(`{ ${'__typename '.repeat(200)} }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'REPEATED_FIELD', field: '__typename' });
  });
});

describe('request size', () => {
  const bigBody = () =>
    JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(5 * 1024 * 1024) } });

  it('a 5 MB body is answered 413 "too large", not "invalid JSON"', async () => {
    const result = await post(production, bigBody(), { 'accept-language': 'vi' });
    expect(result.status).toBe(413);
    expect(result.errors?.[0]).toMatchObject({
      message: 'Yêu cầu quá lớn: tối đa 1 MB.',
      extensions: { code: 'PAYLOAD_TOO_LARGE', maxBytes: MAX_BODY_BYTES },
    });
  });

  it('the same when the body comes in chunks without a Content-Length', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"query":"{ __typename }","x":"'));
        if (sent++ < 100) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const result = await post(production, stream);
    expect(result.status).toBe(413);
    expect(result.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('through SvelteKit’s Node request (adapter-node’s BODY_SIZE_LIMIT), also 413 with the same message', async () => {
    // What web/src/routes/graphql/+server.ts receives under adapter-node: a Request whose body
    // stream errors once the server's limit is passed.
    const server = http.createServer((req, res) => {
      void (async () => {
        const request = getRequest({ request: req, base: 'http://test', bodySizeLimit: 512 * 1024 });
        const response = await production.fetch(request);
        res.writeHead(response.status, { 'content-type': 'application/json' });
        res.end(await response.text());
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      // Within our 1 MB but over the server's 512 KB, streamed (no Content-Length).
      const body = JSON.stringify({
        query: '{ __typename }',
        variables: { padding: 'x'.repeat(700 * 1024) },
      });
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            path: '/graphql',
            method: 'POST',
            headers: { 'content-type': 'application/json', 'accept-language': 'en' },
          },
          (res) => {
            let text = '';
            res.on('data', (data: Buffer) => (text += data.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          },
        );
        req.on('error', reject);
        req.write(body.slice(0, 1000));
        req.end(body.slice(1000));
      });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({
        errors: [{ message: 'The request is too large: at most 1 MB is accepted.' }],
      });
    } finally {
      server.close();
    }
  });
});

describe('unbounded lists', () => {
  it(`more than ${MAX_UNITS} units in reach is refused, not cut short`, async () => {
    const district = fixtures.units.district;
    const ids = Array.from({ length: MAX_UNITS }, (_, index) => `bulk-unit-${index}`);
    await db.prisma.unit.createMany({
      data: ids.map((id, index) => ({
        id,
        code: `BULK-${index}`,
        name: `Đơn vị ${index}`,
        level: 'COMMUNE' as const,
        parentId: district.id,
        path: `${district.path}${id}/`,
      })),
    });
    try {
      const result = await gql(`{ units { id } }`);
      expect(result.errors?.[0]).toMatchObject({
        message: `More than ${MAX_UNITS} units are in your reach; filter them by level.`,
        extensions: { code: 'LIST_TOO_LONG', max: MAX_UNITS },
      });
      const districts = await gql(`{ units(level: DISTRICT) { id } }`);
      expect(districts.errors).toBeUndefined();
    } finally {
      await db.prisma.unit.deleteMany({ where: { id: { in: ids } } });
    }
  });
});
