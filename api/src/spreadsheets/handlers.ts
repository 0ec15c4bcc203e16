// Everything spreadsheet-shaped the web app mounts: downloads of any table (dashboards use
// `download` with their own builder), and the list exports, import uploads and templates.
import { spreadsheetRequests, type SpreadsheetDependencies } from './http.ts';

export function createSpreadsheetHandlers(deps: SpreadsheetDependencies) {
  const requests = spreadsheetRequests(deps);
  return { ...requests };
}

export type SpreadsheetHandlers = ReturnType<typeof createSpreadsheetHandlers>;
