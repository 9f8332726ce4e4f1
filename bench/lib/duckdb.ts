// DuckDB is the comparison engine for the segment benchmark only: an optional dependency of the root package
// (package.json "optionalDependencies", so `npm ci` installs it where its native build exists and skips it elsewhere).
// Where it is missing the benchmark says so and runs the PostgreSQL rows alone.
type DuckConnection = {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }>;
  closeSync(): void;
};
export type DuckModule = { DuckDBInstance: { create(path: string): Promise<{ connect(): Promise<DuckConnection> }> } };

export async function loadDuckDB(): Promise<DuckModule> {
  const name = '@duckdb/node-api';
  try {
    return (await import(name)) as DuckModule;
  } catch (err) {
    throw new Error(
      `${name} is not installed (an optional dependency: run \`npm ci\` on a platform it has a build for): ${String(err)}`,
    );
  }
}
