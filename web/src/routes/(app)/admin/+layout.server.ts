import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';

// Administration is for administrators; anyone else opening an address here is told so (the API
// refuses them too).
export const load: LayoutServerLoad = ({ locals }) => {
  if (!locals.user?.roles.some((r) => r.role === 'ADMIN')) error(403, m.adm_forbidden());
};
