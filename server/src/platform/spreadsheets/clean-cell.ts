// What a cell may carry into Siyu: a NUL (which PostgreSQL text refuses, turning a bad file into a 500 later) is
// dropped and a lone surrogate becomes U+FFFD, so every cell a reader yields can be stored as it is.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanCell(text: string): string {
  return text.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD');
}

export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}
