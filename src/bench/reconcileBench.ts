/**
 * Child process of `npm run bench`: reconciles N synthetic mentions and prints one JSON line
 * (its own process, so its peak RSS is the reconcile's alone).
 *
 *   node dist/bench/reconcileBench.js [count]
 */
import { blockKey, reconcileByBlock } from '../reconcile/index.js';
import type { TransactionMention } from '../schema/mention.js';
import { syntheticMentions } from './mentions.js';

const count = Number(process.argv[2] ?? 1_000_000);
const rssMb = () => Math.round(process.memoryUsage().rss / 1e6);

let started = performance.now();
const mentions: TransactionMention[] = [];
for (const mention of syntheticMentions(count)) mentions.push(mention);
const generateMs = performance.now() - started;
const blocks = new Set(mentions.map(blockKey)).size;
const rssAfterGenerateMb = rssMb();

started = performance.now();
const cpu = process.cpuUsage();
// As the pipeline does: each block's events are handed on (here counted) and not kept.
let events = 0;
let open = 0;
for (const block of reconcileByBlock(mentions)) {
  for (const event of block.events) {
    events++;
    if (event.reviewState === 'open') open++;
  }
}
const reconcileMs = performance.now() - started;
const used = process.cpuUsage(cpu);

const result = {
  mentions: mentions.length,
  blocks,
  events,
  openEvents: open,
  generateMs: Math.round(generateMs),
  reconcileMs: Math.round(reconcileMs),
  reconcileCpuMs: Math.round((used.user + used.system) / 1000),
  rssAfterGenerateMb,
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
