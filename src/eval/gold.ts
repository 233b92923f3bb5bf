import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { Action, Purpose, Status } from '../schema/mention.js';

export const GoldEvent = z.object({
  company: z.string(),
  ticker: z.string().nullable().optional(),
  asset: z.string(),
  action: Action,
  quantity: z.number(),
  approx: z.boolean().optional(),
  unit_price_usd: z.number().nullable().optional(),
  total_usd: z.number().nullable().optional(),
  purpose: z.array(Purpose).default([]),
  date: z.string().nullable().optional(),
  date_end: z.string().nullable().optional(),
  holdings_before: z.number().nullable().optional(),
  holdings_after: z.number().nullable().optional(),
  status: Status.optional(),
  evidence: z.string().optional(),
  optional: z.boolean().optional(),
  event_key: z.string().optional(),
});
export type GoldEvent = z.infer<typeof GoldEvent>;

export const GoldFile = z.object({
  published: z.string().nullable().optional(),
  events: z.array(GoldEvent),
  non_events: z.array(z.string()).default([]),
  file: z.string().optional(),
  id: z.string().optional(),
});

export interface GoldCase { id: string; articlePath: string; published: string | null; events: GoldEvent[]; nonEvents: string[] }

/**
 * Reads a gold folder in either layout: ../shared/gold (one JSON per article, "file" points at
 * the text) or test/gold (one folder per case: article.txt|html + expected.json).
 */
export function loadGold(dir: string): GoldCase[] {
  if (!existsSync(dir)) return [];
  const cases: GoldCase[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      const expected = join(path, 'expected.json');
      const article = ['article.txt', 'article.html', 'article.htm', 'article.md'].map((file) => join(path, file)).find(existsSync);
      if (!existsSync(expected) || !article) continue;
      cases.push(toCase(name, article, GoldFile.parse(JSON.parse(readFileSync(expected, 'utf8')))));
    } else if (name.endsWith('.json') && name !== 'reconciled.json' && name !== 'baseline.json') {
      const gold = GoldFile.parse(JSON.parse(readFileSync(path, 'utf8')));
      if (!gold.file) continue;
      cases.push(toCase(gold.id ?? name.replace(/\.json$/, ''), resolve(dirname(path), gold.file), gold));
    }
  }
  return cases;
}

function toCase(id: string, articlePath: string, gold: z.infer<typeof GoldFile>): GoldCase {
  return { id, articlePath, published: gold.published ?? null, events: gold.events, nonEvents: gold.non_events };
}
