export interface RetryPolicy {
  /** Retries after -1 (system busy) or a transport failure. Default 3. */
  busyRetries: number;
  /** First delay after -1, doubled each time. Default 200 ms. */
  busyDelayMs: number;
  /** Retries after 45009 / 45033. Default 3. */
  limitRetries: number;
  /** First delay after 45009 (frequency limit), doubled each time. Default 10 s (10+20+40 covers WeCom's 60 s block). */
  frequencyDelayMs: number;
  /** First delay after 45033 (too many concurrent calls), doubled each time. Default 1 s. */
  concurrencyDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  busyRetries: 3,
  busyDelayMs: 200,
  limitRetries: 3,
  frequencyDelayMs: 10_000,
  concurrencyDelayMs: 1_000,
};
