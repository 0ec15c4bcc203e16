import { createApi } from '../../../../api/src/yoga.ts';
import { lazyTemporalClient, temporalCommands } from '../../../../api/src/temporal.ts';
import { temporalSettingsFromEnv } from '../../../../workflows/src/connection.ts';
import { createPrismaClient } from '../../../../prisma/client.ts';
import { sessionCookieName } from '../../../../api/src/session-cookie.ts';
import { createEvidenceHandlers, type EvidenceHandlers } from '../../../../api/src/evidence/http.ts';
import { createMinutesHandlers, type MinutesHandlers } from '../../../../api/src/minutes/http.ts';
import {
  createSpreadsheetHandlers,
  type SpreadsheetHandlers,
} from '../../../../api/src/spreadsheets/handlers.ts';
import { createDashboardDownloads } from '../../../../api/src/services/dashboard-export.ts';

/** Production mode: Secure `__Host-` session cookie, HSTS, no GraphiQL or introspection. */
export const production = process.env.NODE_ENV === 'production';
export const SESSION_COOKIE = sessionCookieName(production);
/** The app's one public origin; the API allows browsers from it only (see web/serve.js). */
export const publicOrigin = new URL(process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`)
  .origin;

let api: ReturnType<typeof createApi> | undefined;
let prisma: ReturnType<typeof createPrismaClient> | undefined;
let evidence: EvidenceHandlers | undefined;
let minutes: MinutesHandlers | undefined;
let spreadsheets: SpreadsheetHandlers | undefined;
let dashboards: ReturnType<typeof createDashboardDownloads> | undefined;

/** The process's one database client (one connection pool for GraphQL and evidence files). */
function database(): ReturnType<typeof createPrismaClient> {
  if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is not set: start the app with `npm start`.');
  return (prisma ??= createPrismaClient(process.env.DATABASE_URL));
}

/** The GraphQL API of this process, built on first use from DATABASE_URL and TEMPORAL_*. */
export function graphqlApi(): ReturnType<typeof createApi> {
  if (!api) {
    const prisma = database();
    const client = lazyTemporalClient(temporalSettingsFromEnv(process.env));
    api = createApi({
      prisma,
      commands: temporalCommands(client),
      production,
      origin: publicOrigin,
    });
  }
  return api;
}

/** The evidence upload and download handlers (POST /evidence, GET /evidence/<id>). */
export function evidenceApi(): EvidenceHandlers {
  return (evidence ??= createEvidenceHandlers({ prisma: database(), production, origin: publicOrigin }));
}

/** The inspection minutes download (GET /inspections/<id>/minutes.pdf). */
export function minutesApi(): MinutesHandlers {
  return (minutes ??= createMinutesHandlers({ prisma: database(), production }));
}

/** Spreadsheet exports, import uploads and templates (/export/…, /import/…). */
export function spreadsheetsApi(): SpreadsheetHandlers {
  return (spreadsheets ??= createSpreadsheetHandlers({
    prisma: database(),
    production,
    origin: publicOrigin,
  }));
}

/** The dashboard's figures as spreadsheets (GET /dashboard/<figure>.<xlsx|csv>). */
export function dashboardDownloadsApi(): ReturnType<typeof createDashboardDownloads> {
  return (dashboards ??= createDashboardDownloads({ prisma: database(), production }));
}
