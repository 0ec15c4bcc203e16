// Spreadsheet downloads over HTTP, mounted by the web app's thin +server.ts routes like the
// minutes PDF (api/src/minutes/http.ts): the signed-in viewer comes from the same session cookie
// and check (auth.ts viewerFromSession), the language from the same rule (messages.ts localeFrom:
// the language switch's cookie, the user's saved language, then the browser's) unless `lang`
// names one. What a table holds is decided by its builder, which gets the viewer.
import type { PrismaClient } from '../../../prisma/client.ts';
import { viewerFromSession, type Viewer } from '../auth.ts';
import { localeFrom, translate, type Locale, type MessageKey } from '../messages.ts';
import { sessionCookieName } from '../session-cookie.ts';
import {
  spreadsheetFormatOf,
  spreadsheetResponse,
  type SpreadsheetFormat,
  type SpreadsheetTable,
} from './table.ts';

export interface SpreadsheetDependencies {
  prisma: PrismaClient;
  clock?: () => Date;
  /** Production: the session cookie has the `__Host-` prefix. */
  production?: boolean;
  /** The app's public origin; a form post from another origin is refused (see uploads). */
  origin?: string;
}

/** What a download builder returns: the table (its rows read lazily) and the file's name. */
export interface SpreadsheetDownload {
  table: Omit<SpreadsheetTable, 'locale'>;
  /** Without extension; the format's is added. */
  fileName: string;
}

/** A typed refusal a builder may throw: answered as JSON with the message in the viewer's language. */
export class SpreadsheetRefusal extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    readonly code: MessageKey,
    readonly field: string | null = null,
    /** A message already in the viewer's language (e.g. a list filter's refusal), instead of the code's. */
    readonly text: string | null = null,
  ) {
    super(code);
  }
}

export function readCookie(header: string | null, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

export function jsonError(status: number, code: string, message: string, field: string | null): Response {
  return new Response(JSON.stringify({ error: { code, message, field } }), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

/** The session and language of a request, for the spreadsheet routes. */
export function spreadsheetRequests(deps: SpreadsheetDependencies) {
  const now = deps.clock ?? (() => new Date());
  const sessionCookie = sessionCookieName(deps.production ?? process.env.NODE_ENV === 'production');

  async function who(request: Request): Promise<{ viewer: Viewer | null; locale: Locale }> {
    const cookieHeader = request.headers.get('cookie');
    const viewer = await viewerFromSession(deps.prisma, readCookie(cookieHeader, sessionCookie), now());
    const asked = new URL(request.url).searchParams.get('lang');
    const locale: Locale =
      asked === 'vi' || asked === 'en'
        ? asked
        : localeFrom(
            request.headers.get('accept-language'),
            readCookie(cookieHeader, 'rt_locale') ?? viewer?.locale,
          );
    return { viewer, locale };
  }

  /**
   * A table download in `format` ('xlsx' | 'csv', or a path ending in one). 401 without a session;
   * 404 for an unknown format; the builder's SpreadsheetRefusal as JSON; otherwise the stream.
   */
  async function download(
    request: Request,
    format: string | null | undefined,
    build: (viewer: Viewer, locale: Locale) => Promise<SpreadsheetDownload> | SpreadsheetDownload,
  ): Promise<Response> {
    const { viewer, locale } = await who(request);
    if (!viewer) return jsonError(401, 'UNAUTHENTICATED', translate(locale, 'auth.required'), null);
    const chosen: SpreadsheetFormat | null = spreadsheetFormatOf(format);
    if (!chosen) return jsonError(404, 'NOT_FOUND', translate(locale, 'xl.format'), 'format');
    try {
      const { table, fileName } = await build(viewer, locale);
      return spreadsheetResponse({ ...table, locale }, chosen, fileName);
    } catch (error) {
      if (error instanceof SpreadsheetRefusal) {
        return jsonError(error.status, error.code, error.text ?? translate(locale, error.code), error.field);
      }
      throw error;
    }
  }

  return { who, download };
}
