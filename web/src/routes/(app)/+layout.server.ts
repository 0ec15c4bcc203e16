import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

const PASSWORD_PAGE = '/account/password';

// Every page in this group needs a signed-in user.
export const load: LayoutServerLoad = ({ locals, url }) => {
  if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
  // A one-time password an administrator gave is replaced before anything else is shown.
  if (locals.user.mustChangePassword && url.pathname !== PASSWORD_PAGE) redirect(303, PASSWORD_PAGE);
  return { user: locals.user };
};
