import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { Action, Purpose, Status } from '../schema/mention.js';

export const GoldEvent = z.object({
  company: z.string(),
  ticker: z.string().nullable().optional(),
  asset: z.string(),
  action: Action,
  quantity: z.number().nullable(),
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

const ARTICLE_EXTENSIONS = ['.txt', '.html', '.htm', '.md'];

export interface GoldCase {
  id: string;
  articlePath: string;
  published: string | null;
  events: GoldEvent[];
  nonEvents: string[];
}

/**
 * Reads a gold folder in any of its layouts: ../shared/gold (one JSON per article, "file" points at
 * the text), ../shared/dev (the JSON beside its article: d101.json, d101.txt) or test/gold (one
 * folder per case: article.txt|html + expected.json).
 */
export function loadGold(dir: string): GoldCase[] {
  if (!existsSync(dir)) return [];
  const cases: GoldCase[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      const expected = join(path, 'expected.json');
      const article = ARTICLE_EXTENSIONS.map((extension) => join(path, `article${extension}`)).find(existsSync);
      if (!existsSync(expected) || !article) continue;
      cases.push(toCase(name, article, GoldFile.parse(JSON.parse(readFileSync(expected, 'utf8')))));
    } else if (name.endsWith('.json') && name !== 'reconciled.json' && name !== 'baseline.json') {
      const gold = GoldFile.parse(JSON.parse(readFileSync(path, 'utf8')));
      const stem = name.replace(/\.json$/, '');
      // "file" names the article; without it the article sits beside its gold under the same name (d101.json,
      // d101.html).
      const article = gold.file
        ? resolve(dirname(path), gold.file)
        : ARTICLE_EXTENSIONS.map((extension) => join(dir, `${stem}${extension}`)).find(existsSync);
      if (!article) continue;
      cases.push(toCase(gold.id ?? stem, article, gold));
    }
  }
  return cases;
}

function toCase(id: string, articlePath: string, gold: z.infer<typeof GoldFile>): GoldCase {
  return { id, articlePath, published: gold.published ?? null, events: gold.events, nonEvents: gold.non_events };
}
