import { z } from 'zod';
import { Action, Purpose, Status } from './mention.js';

const ruleId = z.string().regex(/^[a-z]+(?:\.[a-z0-9-]+)+$/, 'rule ids look like "event.verb-quantity"');

export const RuleExample = z.object({
  text: z.string().min(1),
  action: Action.optional(),
  quantity: z.number().optional(),
  unit_price_usd: z.number().optional(),
  total_usd: z.number().optional(),
  holdings_before: z.number().optional(),
  holdings_after: z.number().optional(),
});
export type RuleExample = z.infer<typeof RuleExample>;

const patternRule = <R extends z.ZodTypeAny>(role: R) =>
  z.object({
    id: ruleId,
    role,
    // The action the pattern states, when it is not its verb's ("sold 5,000 ETH to Kestrel" is Kestrel's purchase).
    action: Action.optional(),
    // The status a figure found by this pattern has by itself ("Bitcoin sold | 981" in a KPI table: confirmed).
    status: Status.optional(),
    // The money is the figure: a value-only transaction ("sold $250 million worth of bitcoin"), quantity empty.
    value_only: z.boolean().optional(),
    // A table row: each further figure column is the same row for another period, dated by its header.
    columns: z.boolean().optional(),
    // The buyer's side of a trade told from the seller's ("sold 5,000 ETH to Kestrel"): the two sides share
    // price and sum.
    counterparty: z.boolean().optional(),
    // Words that make a sentence worth reading for this pattern when it has no action word of its
    // own ("concluded an OTC contract for 10,000 ETH with X"): a regular expression.
    trigger: z.string().min(1).optional(),
    match: z.string().min(1),
    reason: z.string().min(10),
    examples: z.array(RuleExample).min(1),
    counterexamples: z.array(z.string()).default([]),
  });

export const PatternsFile = z.object({
  // role "second-action": the pattern names a second action for a figure another pattern already took
  // ("sold all 520 BTC it mined": one quantity, a sale and the mining it came from).
  events: z.array(patternRule(z.enum(['second-action']).optional())),
  continuations: z.array(patternRule(z.undefined().optional())),
  holdings: z.array(patternRule(z.enum(['after', 'before', 'before-after']))),
  money: z.array(patternRule(z.enum(['unit_price', 'total']))),
});
export type PatternsFile = z.infer<typeof PatternsFile>;

export const CompaniesFile = z.array(
  z.object({
    name: z.string().min(1),
    aliases: z.array(z.string()).default([]),
    exact_case_aliases: z.array(z.string()).default([]),
    former_names: z.array(z.string()).default([]),
    tickers: z.array(z.object({ symbol: z.string().min(1), exchange: z.string().min(1) })).min(1),
  }),
);
export type CompaniesFile = z.infer<typeof CompaniesFile>;
export type Company = CompaniesFile[number];

/** rules/not_a_name.yaml: words no company name may consist of (see the file's comments). */
export const NotANameFile = z.object({
  legal_suffixes: z.array(z.string().min(1)).min(1),
  common_words: z.array(z.string().min(1)).min(1),
});
export type NotANameFile = z.infer<typeof NotANameFile>;

export const AssetsFile = z.array(
  z.object({
    symbol: z.string().regex(/^[A-Z0-9]{2,6}$/),
    names: z.array(z.string()).min(1),
    unit_names: z.array(z.object({ name: z.string(), factor: z.number().positive() })).default([]),
  }),
);
export type AssetsFile = z.infer<typeof AssetsFile>;

const actionWords = z.object({
  verbs: z.array(z.string()).min(1),
  nouns: z.array(z.string()).default([]),
  passives: z.array(z.string()).default([]),
  implies_purpose: z.record(z.string(), Purpose).default({}),
});
export const ActionsFile = z.object({ sell: actionWords, buy: actionWords, transfer: actionWords, mine: actionWords });
export type ActionsFile = z.infer<typeof ActionsFile>;

export const HedgesFile = z.array(
  z.object({ words: z.array(z.string()).min(1), low: z.number().positive(), high: z.number().positive() }),
);
export type HedgesFile = z.infer<typeof HedgesFile>;

export const PurposesFile = z.array(
  z.object({
    category: Purpose,
    // the actions this can be the purpose of: a purchase repays no debt, a sale builds no reserve
    actions: z.array(Action).min(1),
    reason: z.string().min(10),
    // examples: sentences whose transaction must get this purpose; counterexamples: sentences whose
    // transaction must not (test/rulebook/examples.test.ts runs both).
    cues: z
      .array(
        z.object({
          id: ruleId,
          match: z.string().min(1),
          examples: z.array(z.string().min(1)).default([]),
          counterexamples: z.array(z.string().min(1)).default([]),
        }),
      )
      .min(1),
  }),
);
export type PurposesFile = z.infer<typeof PurposesFile>;

const cue = z.object({
  id: ruleId,
  match: z.string().min(1),
  reason: z.string().min(10),
  // Where the cue is looked for: the transaction's whole clause (default), or only its subject, the
  // words before the verb after the last company or pronoun ("investors bought ...").
  scope: z.enum(['clause', 'subject', 'figure']).default('clause'),
  // What the cue does to a sentence that refers back to a transaction (an aside): blocks it (default),
  // is ignored there, or blocks it unless the sentence names the transaction ("the sale will fund ...").
  aside: z.enum(['blocks', 'ignored', 'blocks-unless-refers-back']).default('blocks'),
  // Sentences the cue must change (a not-an-event cue: fewer transactions with it than without) and
  // sentences it must leave alone; test/rulebook/examples.test.ts runs them.
  examples: z.array(z.string().min(1)).default([]),
  counterexamples: z.array(z.string().min(1)).default([]),
});
export type Cue = z.infer<typeof cue>;
export const CuesFile = z.object({
  not_an_event: z.array(cue),
  confirmed: z.array(cue),
  unconfirmed: z.array(cue),
  confirms_previous: z.array(cue),
  page_sources: z.array(cue).default([]),
  disowns: z.array(cue).default([]),
  individual: z.array(cue),
  treasury_context: z.array(cue).min(1),
  portfolio_average: z.array(cue).min(1),
  company_descriptions: z.array(z.string()).min(1),
  reference_nouns: z.array(z.string()).min(1),
  plural_reference_nouns: z.array(z.string()).default([]),
  company_pronouns: z.array(z.string()).min(1),
  disclosure_verbs: z.array(z.string().min(1)).min(1),
  forward_words: z.array(z.string().min(1)).min(1),
  span_verbs: z.array(z.string().min(1)).default([]),
  forward_after: z.array(z.string().min(1)).min(1),
  history_words: z.array(z.string().min(1)).min(1),
});
export type CuesFile = z.infer<typeof CuesFile>;

/** rules/organizations.yaml: the shapes by which an organisation no lexicon lists is recognised. */
export const OrganizationsFile = z.object({
  legal_suffixes: z.array(z.string().min(1)),
  name_enders: z.array(z.string().min(1)),
  exchanges: z.array(z.string().min(1)),
  exchange_suffixes: z.array(z.string().min(1)),
  descriptors: z.array(z.string().min(1)),
  openers: z.array(z.string().min(1)),
  generic_words: z.array(z.string().min(1)),
  not_companies: z.array(z.string().min(1)),
  examples: z
    .array(z.object({ text: z.string().min(1), company: z.string().min(1), ticker: z.string().optional() }))
    .min(1),
  counterexamples: z.array(z.string()).default([]),
});
export type OrganizationsFile = z.infer<typeof OrganizationsFile>;

/** rules/numbers.yaml: magnitudes, currencies and quantity modifiers, shared by extract and normalize. */
export const NumbersFile = z.object({
  magnitudes: z.record(z.string().min(1), z.number().positive()),
  currencies: z
    .array(
      z.object({
        code: z.string().regex(/^[A-Z]{3}$/),
        before: z.array(z.string().min(1)),
        after: z.array(z.string().min(1)),
      }),
    )
    .min(1),
  quantity_modifiers: z.array(z.string().min(1)),
  generic_units: z.array(z.string().min(1)).default([]),
});
export type NumbersFile = z.infer<typeof NumbersFile>;
