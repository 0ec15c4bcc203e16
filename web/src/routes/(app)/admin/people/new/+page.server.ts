import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { graphql } from '#lib/graphql.ts';
import { readForm } from '#lib/server/forms.ts';
import { execute } from '#lib/server/graphql.ts';
import { AdminErrorFields, adminFormErrors } from '../../forms.ts';
import { UNIT_CHOICES, isRole } from '../queries.ts';

const UNIT = graphql(`
  query AdminNewPersonUnit($id: ID!) {
    adminUnit(id: $id) {
      id
      name
      mergedAt
    }
  }
`);

const CREATE_USER = graphql(
  `
    mutation AdminCreateUser($input: CreateUserInput!) {
      createUser(input: $input) {
        __typename
        ... on IssuedPassword {
          oneTimePassword
          emailed
          user {
            id
            name
            email
          }
        }
        ...AdminErrorFields
      }
    }
  `,
  [AdminErrorFields],
);

export const load: PageServerLoad = async (event) => {
  const unitId = event.url.searchParams.get('unit');
  // Opened from a unit's page: the person is made for that unit; otherwise a unit is chosen.
  const fixed = unitId ? (await execute(event, UNIT, { id: unitId })).adminUnit : null;
  if (fixed && !fixed.mergedAt) return { fixed, choices: [] };
  const { adminUnits } = await execute(event, UNIT_CHOICES);
  return { fixed: null, choices: adminUnits.edges.map(({ node }) => node) };
};

export const actions: Actions = {
  default: async (event) => {
    const form = await readForm<'name' | 'email' | 'locale' | 'role' | 'unitId'>(event.request);
    const { createUser } = await execute(event, CREATE_USER, {
      input: {
        name: form.name,
        email: form.email,
        locale: form.locale === 'en' ? 'en' : 'vi',
        role: isRole(form.role) ? form.role : 'UNIT_STAFF',
        unitId: form.unitId,
      },
    });
    if (createUser.__typename !== 'IssuedPassword') {
      return fail(400, { values: form, ...adminFormErrors(createUser, ['name', 'email', 'unitId']) });
    }
    // Answered once, in this response only: nothing keeps it after the page is left.
    return {
      created: {
        id: createUser.user.id,
        name: createUser.user.name,
        email: createUser.user.email,
        oneTimePassword: createUser.oneTimePassword,
        emailed: createUser.emailed,
      },
    };
  },
};
