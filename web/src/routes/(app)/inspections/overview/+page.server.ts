import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { graphql, type ResultOf } from '#lib/graphql.ts';
import { m } from '#lib/paraglide/messages.js';
import { execute, executeOrRefused } from '#lib/server/graphql.ts';

const UNITS = graphql(`
  query OverviewUnits {
    units {
      id
      name
      parentId
    }
  }
`);

const OVERVIEW = graphql(`
  query FindingsOverview($unitId: ID) {
    findingsOverview(unitId: $unitId) {
      unit {
        id
        name
      }
      openFindings
      openCorrectiveActions
      lateCorrectiveActions
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  // The committee, inspectors and administrators oversee findings; anyone else is told so.
  const roles = event.locals.user?.roles ?? [];
  if (!roles.some((r) => r.role === 'STEERING' || r.role === 'INSPECTOR' || r.role === 'ADMIN')) {
    error(403, m.corr_overview_forbidden());
  }
  const unit = event.url.searchParams.get('unit')?.trim() ?? '';
  const units = execute(event, UNITS);
  const result = await executeOrRefused(event, OVERVIEW, { unitId: unit || null });
  return {
    unit,
    unitError: result.refused?.message ?? null,
    rows: result.data?.findingsOverview ?? [],
    units: unitTree((await units).units),
  };
};

/** Units in tree order (as the API lists them) with their depth, for an indented select. */
function unitTree(units: ResultOf<typeof UNITS>['units']) {
  const depth = new Map<string, number>();
  return units.map((unit) => {
    const level = unit.parentId && depth.has(unit.parentId) ? depth.get(unit.parentId)! + 1 : 0;
    depth.set(unit.id, level);
    return { id: unit.id, name: unit.name, depth: level };
  });
}
