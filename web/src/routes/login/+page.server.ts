import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { graphql } from '#lib/graphql.ts';
import { localPath, readForm } from '#lib/server/forms.ts';
import { execute } from '#lib/server/graphql.ts';

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.user) redirect(303, '/');
  return { expired: url.searchParams.has('expired') };
};

const LOGIN = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      __typename
      ... on Error {
        message
      }
    }
  }
`);

export const actions: Actions = {
  default: async (event) => {
    const { email, password } = await readForm<'email' | 'password'>(event.request);
    const { login } = await execute(event, LOGIN, { email, password });
    if (login.__typename !== 'LoginSuccess') return fail(400, { email, message: login.message });
    redirect(303, localPath(event.url.searchParams.get('next')));
  },
};
