import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { graphql } from '$lib/server/graphql';

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.user) redirect(303, '/');
  return { expired: url.searchParams.has('expired') };
};

interface LoginResult {
  login: { __typename: string; message?: string; issues?: { field: string; message: string }[] };
}

const safeNext = (next: string | null): string => (next?.startsWith('/') && !next.startsWith('//') ? next : '/');

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const email = String(form.get('email') ?? '');
    const password = String(form.get('password') ?? '');
    const { login } = await graphql<LoginResult>(
      event,
      `mutation($email: String!, $password: String!) {
        login(email: $email, password: $password) {
          __typename
          ... on Error { message }
        }
      }`,
      { email, password },
    );
    if (login.__typename !== 'LoginSuccess') return fail(400, { email, message: login.message ?? '' });
    redirect(303, safeNext(event.url.searchParams.get('next')));
  },
};
