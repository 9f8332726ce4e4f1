import { ApiError } from './client';

/** The text to show for a failed call: the server's localized message when there is one. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

/** Like errorMessage, followed by the server's detail (e.g. which field failed validation) when there is one. */
export function errorWithDetail(err: unknown): string {
  const text = errorMessage(err);
  return err instanceof ApiError && err.detail ? `${text}: ${err.detail}` : text;
}
