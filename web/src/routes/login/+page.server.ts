import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localPath, readForm } from '#lib/server/forms.ts';
import { graphql } from '#lib/server/graphql.ts';

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.user) redirect(303, '/');
  return { expired: url.searchParams.has('expired') };
};

interface LoginResult {
  login: { __typename: string; message?: string; issues?: { field: string; message: string }[] };
}

export const actions: Actions = {
  default: async (event) => {
    const { email, password } = await readForm(event.request);
    const { login } = await graphql<LoginResult>(
      event,
      `
        mutation ($email: String!, $password: String!) {
          login(email: $email, password: $password) {
            __typename
            ... on Error {
              message
            }
          }
        }
      `,
      { email, password },
    );
    if (login.__typename !== 'LoginSuccess') return fail(400, { email, message: login.message ?? '' });
    redirect(303, localPath(event.url.searchParams.get('next')));
  },
};
