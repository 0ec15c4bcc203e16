/**
 * The session cookie's name. In production it carries the `__Host-` prefix, so browsers
 * accept it only when it is Secure, host-only and for the whole site (no subdomain or
 * plain-http page can plant or override it). Development runs on http://localhost, where a
 * `__Host-` cookie is not stored by every browser, so it keeps the plain name there.
 */
export const sessionCookieName = (production: boolean): string =>
  production ? '__Host-rt_session' : 'rt_session';
