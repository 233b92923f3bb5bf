export { eventsCsv, mentionsCsv, neutralize, plainNumber } from './csv.js';
export { EVENT_COLUMNS, MENTION_COLUMNS } from './columns.js';
