/** The text fields of a posted form (file parts are dropped), by name; a missing field is ''. */
export async function readForm(request: Request): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  for (const [name, value] of await request.formData()) if (typeof value === 'string') fields[name] = value;
  return new Proxy(fields, { get: (target, name: string) => target[name] ?? '' });
}

/** `target` when it is a path on this site, else '/': never redirect to another origin. */
export const localPath = (target: string | null | undefined): string =>
  target?.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\') ? target : '/';
