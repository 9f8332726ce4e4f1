// Searches by substring use LIKE/ILIKE: what a person types is matched literally, so its %, _ and \ are escaped
// (backslash is PostgreSQL's default LIKE escape). `GET /api/staff?q=%` matched everyone before this.
export function escapeLike(text: string): string {
  return text.replace(/[%_\\]/g, '\\$&');
}

/** The LIKE pattern for "contains `text`", taken literally. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}
