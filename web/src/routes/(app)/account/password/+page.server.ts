import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { graphql } from '#lib/graphql.ts';
import { m } from '#lib/paraglide/messages.js';
import { readForm } from '#lib/server/forms.ts';
import { execute, formErrors } from '#lib/server/graphql.ts';

const CHANGE_PASSWORD = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      __typename
      ... on Error {
        message
      }
      ... on InvalidInputError {
        issues {
          field
          message
        }
      }
      ... on WrongPasswordError {
        field
      }
    }
  }
`);

export const load: PageServerLoad = ({ locals, url }) => ({
  mustChange: locals.user?.mustChangePassword ?? false,
  email: locals.user?.email ?? '',
  changed: url.searchParams.has('changed'),
});

export const actions: Actions = {
  default: async (event) => {
    const form = await readForm<'currentPassword' | 'newPassword' | 'confirmPassword'>(event.request);
    if (form.newPassword !== form.confirmPassword) {
      const fields: Record<string, string> = { confirmPassword: m.adm_pw_mismatch() };
      return fail(400, { message: '', fields });
    }
    const { changePassword } = await execute(event, CHANGE_PASSWORD, {
      currentPassword: form.currentPassword,
      newPassword: form.newPassword,
    });
    if (changePassword.__typename !== 'PasswordChanged') {
      const errors = formErrors(changePassword);
      if ('field' in changePassword && changePassword.field) {
        errors.fields[changePassword.field] = changePassword.message;
        errors.message = '';
      }
      return fail(400, errors);
    }
    // Passwords are never sent back into the page; the next page is the home page.
    redirect(303, event.locals.user?.mustChangePassword ? '/' : '/account/password?changed');
  },
};
