/** Pages through a cursor API until the cursor is empty; stops (throws) if WeCom repeats a cursor. */
export async function* paginate<P, T>(
  fetchPage: (cursor: string | undefined) => Promise<P>,
  items: (page: P) => readonly T[] | undefined,
  nextCursor: (page: P) => string | undefined,
): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  const seen = new Set<string>();
  for (;;) {
    const page = await fetchPage(cursor);
    yield* items(page) ?? [];
    const next = nextCursor(page);
    if (!next) return;
    if (seen.has(next)) throw new Error(`pagination cursor repeated: ${next}`);
    seen.add(next);
    cursor = next;
  }
}

export function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
