export { fetchAll } from './fetchAll.js';
export { parseUrlList } from './urlList.js';
export { DEFAULT_OPTIONS, DEFAULT_USER_AGENT } from './options.js';
export type { FetchHooks, FetchOptions, FetchOutcome, FetchProgress, Validators } from './types.js';
