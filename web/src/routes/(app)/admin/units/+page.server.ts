import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { graphql } from '#lib/graphql.ts';
import { readForm } from '#lib/server/forms.ts';
import { execute, executeOrRefused } from '#lib/server/graphql.ts';
import { adminFormErrors } from '../forms.ts';
import { CREATE_UNIT, PARENT_CHOICES, isUnitLevel, parentChoices } from './queries.ts';

const UNITS = graphql(`
  query AdminUnits($search: String, $after: String) {
    adminUnits(first: 50, after: $after, search: $search, includeMerged: true) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          code
          level
          depth
          mergedInto {
            name
          }
        }
      }
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const search = event.url.searchParams.get('q')?.trim() ?? '';
  const result = await executeOrRefused(event, UNITS, {
    search: search || null,
    after: event.url.searchParams.get('after'),
  });
  const choices = parentChoices(await execute(event, PARENT_CHOICES));
  if (!result.data)
    return { search, units: [], totalCount: 0, nextCursor: null, refused: result.refused.message, choices };
  const { adminUnits } = result.data;
  return {
    search,
    units: adminUnits.edges.map(({ node }) => node),
    totalCount: adminUnits.totalCount,
    nextCursor: adminUnits.pageInfo.hasNextPage ? adminUnits.pageInfo.endCursor : null,
    refused: null,
    choices,
  };
};

export const actions: Actions = {
  create: async (event) => {
    const form = await readForm<'name' | 'code' | 'level' | 'parentId'>(event.request);
    const { createUnit } = await execute(event, CREATE_UNIT, {
      input: {
        name: form.name,
        code: form.code,
        level: isUnitLevel(form.level) ? form.level : 'COMMUNE',
        parentId: form.parentId,
      },
    });
    if (createUnit.__typename !== 'AdminUnit')
      return fail(400, { values: form, ...adminFormErrors(createUnit, ['name', 'code', 'parentId']) });
    redirect(303, `/admin/units/${createUnit.id}?created`);
  },
};
