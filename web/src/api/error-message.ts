import { ApiError } from './client';

/** The text to show for a failed call: the server's localized message when there is one. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
