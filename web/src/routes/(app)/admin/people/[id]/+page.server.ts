import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { graphql } from '#lib/graphql.ts';
import { m } from '#lib/paraglide/messages.js';
import { readForm } from '#lib/server/forms.ts';
import { execute } from '#lib/server/graphql.ts';
import { AdminErrorFields, adminFormErrors } from '../../forms.ts';
import { UNIT_CHOICES, isRole } from '../queries.ts';

const PERSON = graphql(`
  query AdminPerson($id: ID!) {
    adminUser(id: $id) {
      id
      name
      email
      locale
      active
      mustChangePassword
      otherRoleCount
      roles {
        id
        role
        unit {
          id
          name
        }
      }
    }
  }
`);

const RESET = graphql(
  `
    mutation AdminResetPassword($id: ID!) {
      resetUserPassword(userId: $id) {
        __typename
        ... on IssuedPassword {
          oneTimePassword
          emailed
        }
        ...AdminErrorFields
      }
    }
  `,
  [AdminErrorFields],
);

const SET_ACTIVE = graphql(
  `
    mutation AdminSetActive($id: ID!, $active: Boolean!) {
      setUserActive(userId: $id, active: $active) {
        __typename
        ...AdminErrorFields
      }
    }
  `,
  [AdminErrorFields],
);

const ASSIGN = graphql(
  `
    mutation AdminAssignRole($input: AssignRoleInput!) {
      assignRole(input: $input) {
        __typename
        ...AdminErrorFields
      }
    }
  `,
  [AdminErrorFields],
);

const REMOVE = graphql(
  `
    mutation AdminRemoveRole($id: ID!) {
      removeRole(roleAssignmentId: $id) {
        __typename
        ...AdminErrorFields
      }
    }
  `,
  [AdminErrorFields],
);

export const load: PageServerLoad = async (event) => {
  const [{ adminUser: person }, { adminUnits }] = await Promise.all([
    execute(event, PERSON, { id: event.params.id }),
    execute(event, UNIT_CHOICES),
  ]);
  if (!person) error(404, m.adm_none_found());
  const params = event.url.searchParams;
  return {
    person,
    self: person.id === event.locals.user?.id,
    choices: adminUnits.edges.map(({ node }) => node),
    notice: params.has('deactivated')
      ? m.adm_deactivated()
      : params.has('reactivated')
        ? m.adm_reactivated()
        : params.has('assigned')
          ? m.adm_role_assigned()
          : params.has('removed')
            ? m.adm_role_removed()
            : null,
  };
};

const back = (id: string, notice: string) => redirect(303, `/admin/people/${id}?${notice}`);

export const actions: Actions = {
  reset: async (event) => {
    const { resetUserPassword } = await execute(event, RESET, { id: event.params.id });
    if (resetUserPassword.__typename !== 'IssuedPassword') {
      return fail(400, { form: 'account', ...adminFormErrors(resetUserPassword, []) });
    }
    // Answered once, in this response only.
    return {
      form: 'account',
      reset: { oneTimePassword: resetUserPassword.oneTimePassword, emailed: resetUserPassword.emailed },
    };
  },
  deactivate: async (event) => {
    const { setUserActive } = await execute(event, SET_ACTIVE, { id: event.params.id, active: false });
    if (setUserActive.__typename !== 'AdminUser') {
      return fail(400, { form: 'account', ...adminFormErrors(setUserActive, []) });
    }
    back(event.params.id, 'deactivated');
  },
  reactivate: async (event) => {
    const { setUserActive } = await execute(event, SET_ACTIVE, { id: event.params.id, active: true });
    if (setUserActive.__typename !== 'AdminUser') {
      return fail(400, { form: 'account', ...adminFormErrors(setUserActive, []) });
    }
    back(event.params.id, 'reactivated');
  },
  assign: async (event) => {
    const form = await readForm<'role' | 'unitId'>(event.request);
    const { assignRole } = await execute(event, ASSIGN, {
      input: {
        userId: event.params.id,
        role: isRole(form.role) ? form.role : 'UNIT_STAFF',
        unitId: form.unitId,
      },
    });
    if (assignRole.__typename !== 'AdminUser') {
      return fail(400, { form: 'assign', values: form, ...adminFormErrors(assignRole, ['role', 'unitId']) });
    }
    back(event.params.id, 'assigned');
  },
  remove: async (event) => {
    const form = await readForm<'roleAssignmentId'>(event.request);
    const { removeRole } = await execute(event, REMOVE, { id: form.roleAssignmentId });
    if (removeRole.__typename !== 'AdminUser') {
      return fail(400, { form: 'roles', ...adminFormErrors(removeRole, []) });
    }
    back(event.params.id, 'removed');
  },
};
