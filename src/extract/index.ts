export { extractMentions } from './document.js';
