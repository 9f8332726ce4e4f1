// The shape of an error code table (platform's in http/errors.ts, each module's in its <term>.errors.ts): the HTTP
// status a code answers with and its text in both languages.
export type ErrorText = { status: number; 'zh-CN': string; 'en-US': string };
export type ErrorTable = Record<string, ErrorText>;
