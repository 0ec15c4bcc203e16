import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { useCookies } from '@whatwg-node/server-plugin-cookies';
import { createYoga, maskError, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { PrismaClient } from '../../prisma/client.ts';
import { viewerFromSession } from './auth.ts';
import type { Context } from './context.ts';
import { LoginThrottle } from './login-throttle.ts';
import { isLimitError, useBodyLimit, useQueryLimits } from './limits.ts';
import { localeFrom, translate } from './messages.ts';
import { schema } from './schema/index.ts';
import { sessionCookieName } from './session-cookie.ts';
import type { WorkflowCommands } from './temporal.ts';

export interface ApiDependencies {
  prisma: PrismaClient;
  commands: WorkflowCommands;
  clock?: () => Date;
  /** Production: Secure cookies, no introspection, no GraphiQL. */
  production?: boolean;
  throttle?: LoginThrottle;
  /**
   * The app's public origin (ORIGIN, e.g. https://cchc.example.gov.vn). Browsers may call
   * the API from this origin only: CORS allows no other, and a request whose Origin header
   * names another site is refused before it runs. Unset (tests without a browser): no
   * origin gets CORS headers and the Origin check is off.
   */
  origin?: string;
}

/** What the hosting server passes along with each request. */
export interface ServerContext {
  clientAddress?: string;
}

function readCookie(header: string | null, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/**
 * Refuses a request sent by a page of another site (its browser names that site in the
 * Origin header), whatever the CORS preflight said: a cross-site mutation never runs.
 */
function useSameOriginOnly(origin: string): Plugin {
  return {
    onRequest(payload) {
      const { request, fetchAPI } = payload;
      const from = request.headers.get('origin');
      if (from === null || from === origin) return;
      const locale = localeFrom(request.headers.get('accept-language'), undefined);
      const body = {
        errors: [{ message: translate(locale, 'auth.foreignOrigin'), extensions: { code: 'FORBIDDEN' } }],
      };
      payload.endResponse(
        new fetchAPI.Response(JSON.stringify(body), {
          status: 403,
          headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
        }),
      );
    },
  };
}

/** API answers carry personal data: no browser or proxy keeps a copy (Back after sign-out). */
const noStore: Plugin = {
  onResponse({ response }) {
    response.headers.set('cache-control', 'no-store');
  },
};

/** The GraphQL API at /graphql, built from injected dependencies (tests pass their own). */
export function createApi(deps: ApiDependencies): YogaServerInstance<ServerContext, Context> {
  const production = deps.production ?? process.env.NODE_ENV === 'production';
  const now = deps.clock ?? (() => new Date());
  const throttle = deps.throttle ?? new LoginThrottle(deps.prisma);
  const sessionCookie = sessionCookieName(production);
  const { origin } = deps;
  return createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: !production,
    // Unexpected errors reach the client as "Unexpected error."; typed errors are in the schema.
    maskedErrors: {
      maskError(error, message, isDev) {
        // Sign-in and permission errors are meant for the client. Checked by code, not by
        // class: more than one copy of graphql-js may be loaded (ESM and CommonJS).
        const original = (error as { originalError?: { extensions?: { code?: unknown } } }).originalError;
        const code = original?.extensions?.code;
        if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') return error as Error;
        // A refused query argument (a list filter): translated, naming its field in `extensions.field`.
        if (code === 'BAD_USER_INPUT') return error as Error;
        // Refusals by the request limits (cost, page size, aliases, body size) say what to change.
        if (isLimitError(error)) return error as Error;
        return maskError(error, message, isDev);
      },
    },
    landingPage: false,
    // useBodyLimit reads the body within its own limit and answers in the viewer's language.
    maxRequestBodySize: false,
    // CORS headers only for the app's own origin; any other origin's preflight gets none.
    cors: (request) =>
      origin !== undefined && request.headers.get('origin') === origin
        ? { origin, credentials: true, methods: ['GET', 'POST'] }
        : false,
    plugins: [
      ...(origin !== undefined ? [useSameOriginOnly(origin)] : []),
      noStore,
      useCookies(),
      // Cookie-authenticated requests must be JSON or carry this header, which a cross-site
      // form cannot send without a CORS preflight.
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf'] }),
      ...(production ? [useDisableIntrospection()] : []),
      // Bodies over 1 MB: 413 with a clear message (limits.ts), not "invalid JSON".
      useBodyLimit(),
      EnvelopArmorPlugin({
        maxDepth: { n: 10 },
        maxTokens: { n: 2000 },
        maxDirectives: { n: 20 },
        // Aliases (every field, __typename too) and the query's cost are checked by
        // useQueryLimits with the Pothos cost model, which counts list sizes.
        maxAliases: { enabled: false },
        costLimit: { enabled: false },
      }),
      useQueryLimits(),
    ],
    context: async ({ request, clientAddress }): Promise<Context> => {
      const cookieHeader = request.headers.get('cookie');
      const sessionToken = readCookie(cookieHeader, sessionCookie);
      const viewer = await viewerFromSession(deps.prisma, sessionToken, now());
      const locale = localeFrom(
        request.headers.get('accept-language'),
        readCookie(cookieHeader, 'rt_locale') ?? viewer?.locale,
      );
      return {
        prisma: deps.prisma,
        commands: deps.commands,
        viewer,
        locale,
        now,
        throttle,
        clientAddress: clientAddress ?? 'unknown',
        secureCookies: production,
        sessionCookie,
        sessionToken,
        cookies: {
          set(name, value, options) {
            void request.cookieStore?.set({
              name,
              value,
              path: '/',
              sameSite: 'lax',
              secure: production,
              httpOnly: options.httpOnly ?? true,
              expires: options.maxAgeSeconds ? Date.now() + options.maxAgeSeconds * 1000 : null,
              domain: null,
            });
          },
          delete(name) {
            void request.cookieStore?.delete(name);
          },
        },
      };
    },
  });
}
