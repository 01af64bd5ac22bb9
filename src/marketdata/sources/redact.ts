/** Query parameters that carry credentials at the providers the hub knows. */
export const SECRET_PARAM_NAMES: ReadonlySet<string> = new Set([
  'apikey',
  'api_key',
  'apiKey',
  'token',
  'c',
  'client',
  'access_token',
  'password',
]);

/** Replaces every secret value (and secret query parameters of URLs) in a text with `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 3) out = out.split(secret).join('***');
  return out.replace(/([?&])([A-Za-z_]+)=([^&#\s"']*)/g, (whole, sep: string, name: string) =>
    SECRET_PARAM_NAMES.has(name) ? `${sep}${name}=***` : whole,
  );
}
