/**
 * The text fields of a posted form (file parts are dropped), by name; a missing field is ''.
 * Name the fields the form has (`readForm<'email' | 'password'>`) to read them as strings.
 */
export async function readForm<Name extends string = string>(
  request: Request,
): Promise<Record<Name, string>> {
  const fields: Record<string, string> = {};
  for (const [name, value] of await request.formData()) if (typeof value === 'string') fields[name] = value;
  return new Proxy(fields, {
    get: (target, name: string) => target[name] ?? '',
  });
}

const SITE = 'http://this.site.invalid';

/**
 * `target` when it is a path on this site, else '/': never a redirect to another origin.
 * Parsed as a URL the way a browser would read the Location header, so tabs and newlines
 * (`/%09/evil.example`), backslashes (`/\evil.example`), `//host` and schemes such as
 * `javascript:` all come out as another origin or a path starting with `//`.
 */
export function localPath(target: string | null | undefined): string {
  if (!target?.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(target, SITE);
  } catch {
    return '/';
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // `/.//evil.example` parses to the path `//evil.example`, which a browser reads as a host.
  return url.origin === SITE && !path.startsWith('//') ? path : '/';
}

/** `value` when it is one of `allowed` (an enum's values the form offers), else `fallback`. */
export function oneOf<const Value extends string>(
  allowed: readonly Value[],
  value: string | undefined,
  fallback: Value,
): Value {
  return allowed.find((candidate) => candidate === value) ?? fallback;
}
