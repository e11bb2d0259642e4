// LUOSHI_PUBLIC_URL: checked once at start, so a typo is a clear error rather than broken feed URLs.
export class PublicUrlError extends Error {
  override name = "PublicUrlError";
}

/** The configured public URL without a trailing slash, or null when unset. */
export function parsePublicUrl(value: string | undefined): string | null {
  if (!value?.trim()) return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new PublicUrlError(
      `LUOSHI_PUBLIC_URL must be an absolute URL such as https://luoshi.example.gov.cn, not "${value}"`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new PublicUrlError(`LUOSHI_PUBLIC_URL must start with http:// or https://, not "${value}"`);
  if (url.search || url.hash || url.username || url.password)
    throw new PublicUrlError(
      `LUOSHI_PUBLIC_URL must be a plain address (no query, fragment or credentials): "${value}"`,
    );
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
