// GET /inspections/<id>/minutes.pdf[?lang=vi|en]: the inspection minutes as a PDF, for viewers
// of the inspection (inspection-visibility.ts). Mounted by the web app's route next to /graphql
// and /evidence; the signed-in viewer comes from the same session cookie and check
// (auth.ts viewerFromSession), the language from the same rule as the evidence routes
// (messages.ts localeFrom: the language switch's cookie, the user's saved language, then the
// browser's), unless `lang` names one.
import type { PrismaClient } from '../../../prisma/client.ts';
import { viewerFromSession, type Viewer } from '../auth.ts';
import { attachmentDisposition } from '../evidence/http.ts';
import { localeFrom, translate, type Locale } from '../messages.ts';
import { sessionCookieName } from '../session-cookie.ts';
import { loadMinutes } from './data.ts';
import { renderMinutesPdf } from './pdf.ts';
import { minutesTexts } from './texts.ts';

export interface MinutesDependencies {
  prisma: PrismaClient;
  clock?: () => Date;
  /** Production: the session cookie has the `__Host-` prefix. */
  production?: boolean;
}

function readCookie(header: string | null, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

function json(status: number, code: string, message: string, field: string | null): Response {
  return new Response(JSON.stringify({ error: { code, message, field } }), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

/** A name for the file: the document's name and the inspection's title, at most 120 characters. */
export function minutesFileName(locale: Locale, title: string): string {
  const stem = `${minutesTexts[locale].fileName} - ${title}`
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/[/\\"<>|:*?]/g, '_')
    .replace(/\s+/g, ' ')
    .trim();
  return `${[...stem].slice(0, 120).join('').trimEnd()}.pdf`;
}

/** The minutes download handler over one database. */
export function createMinutesHandlers(deps: MinutesDependencies) {
  const now = deps.clock ?? (() => new Date());
  const sessionCookie = sessionCookieName(deps.production ?? process.env.NODE_ENV === 'production');

  async function who(request: Request): Promise<{ viewer: Viewer | null; locale: Locale }> {
    const cookieHeader = request.headers.get('cookie');
    const viewer = await viewerFromSession(deps.prisma, readCookie(cookieHeader, sessionCookie), now());
    const locale = localeFrom(
      request.headers.get('accept-language'),
      readCookie(cookieHeader, 'rt_locale') ?? viewer?.locale,
    );
    return { viewer, locale };
  }

  /**
   * The minutes of inspection `id`. 401 without a session; 404 for an inspection the viewer may
   * not see, answered byte for byte as for an ID that does not exist (a surprise not yet started
   * stays unknown to its target unit). `?lang=vi|en` chooses the language; any other value, or
   * none, gives the request's language.
   */
  async function download(request: Request, id: string): Promise<Response> {
    const { viewer, locale: requestLocale } = await who(request);
    const asked = new URL(request.url).searchParams.get('lang');
    const locale: Locale = asked === 'vi' || asked === 'en' ? asked : requestLocale;
    if (!viewer) return json(401, 'UNAUTHENTICATED', translate(locale, 'auth.required'), null);
    const data = await loadMinutes(deps.prisma, viewer, id);
    if (!data) return json(404, 'NOT_FOUND', minutesTexts[locale].notFound, 'id');
    const bytes = await renderMinutesPdf(data, locale);
    return new Response(request.method === 'HEAD' ? null : (bytes as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers: {
        'content-type': 'application/pdf',
        'content-length': String(bytes.byteLength),
        'content-disposition': attachmentDisposition(minutesFileName(locale, data.title)),
        'content-language': locale,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
        // Opened in a tab anyway (a PDF viewer), it runs nothing and reaches nothing.
        'content-security-policy': "default-src 'none'; sandbox",
      },
    });
  }

  return { download };
}

export type MinutesHandlers = ReturnType<typeof createMinutesHandlers>;
