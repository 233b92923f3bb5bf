import { describe, expect, it } from 'vitest';
import { findHoldings } from '../../src/extract/anchors.js';
import { tagSentence } from '../../src/extract/chunks.js';
import { analyzeDocument } from '../../src/analyze.js';
import { compileRulebook, defaultRulebook } from '../../src/rulebook/compile.js';
import { loadRuleFiles } from '../../src/rulebook/load.js';
import { parseAmount } from '../../src/normalize/numbers.js';
import { mentionsOf, rawDocument } from '../helpers/article.js';

// Every pattern in rules/patterns.yaml carries examples and counterexamples; they run here, so a
// rule change that breaks its own examples fails the build.
const files = loadRuleFiles();
const groups = [
  ...files.patterns.events,
  ...files.patterns.continuations,
  ...files.patterns.holdings,
  ...files.patterns.money,
];

describe('rule examples', () => {
  for (const rule of groups) {
    for (const example of rule.examples) {
      const holdingsOnly = rule.id.startsWith('holdings.') && !example.action;
      const checkHoldingsFinder = () => {
        // A holdings statement alone is not a transaction: test the finder itself.
        const rulebook = defaultRulebook();
        const findings = findHoldings(tagSentence(example.text, rulebook), rulebook).filter(
          (finding) => finding.rule === rule.id,
        );
        const value = (role: string) =>
          findings.filter((f) => f.role === role).map((f) => parseAmount(f.quantity.text, rulebook)!.value)[0];
        expect(findings.length, `${rule.id} found nothing`).toBeGreaterThan(0);
        if (example.holdings_before !== undefined) expect(value('before')).toBe(example.holdings_before);
        if (example.holdings_after !== undefined) expect(value('after')).toBe(example.holdings_after);
      };
      it(
        `${rule.id}: ${example.text}`,
        holdingsOnly
          ? checkHoldingsFinder
          : () => {
              const mentions = mentionsOf(example.text);
              const fired = mentions.filter(
                (mention) =>
                  mention.rules.includes(rule.id) ||
                  Object.values(mention.provenance)
                    .flat()
                    .some((evidence) => evidence.rule.endsWith(rule.id)),
              );
              expect(
                fired.length,
                `no mention carries ${rule.id}; got ${JSON.stringify(mentions.map((m) => m.rules))}`,
              ).toBeGreaterThan(0);
              const mention =
                fired.find((m) => example.quantity === undefined || m.quantity?.value === example.quantity) ?? fired[0];
              if (example.action) expect(mention.action).toBe(example.action);
              if (
                (example.quantity !== undefined && rule.id.startsWith('event.')) ||
                rule.id.startsWith('continuation.')
              )
                expect(fired.map((m) => m.quantity?.value)).toContain(example.quantity);
              // A value-only pattern states no coin count: the money is the total.
              if ('value_only' in rule && rule.value_only) expect(mention.quantity).toBeNull();
              if (example.unit_price_usd !== undefined)
                expect(mention.unitPriceUsd?.value).toBe(example.unit_price_usd);
              if (example.total_usd !== undefined) expect(mention.totalUsd?.value).toBe(example.total_usd);
              if (example.holdings_before !== undefined)
                expect(mention.holdingsBefore?.value).toBe(example.holdings_before);
              if (example.holdings_after !== undefined)
                expect(mention.holdingsAfter?.value).toBe(example.holdings_after);
            },
      );
    }
    for (const counterexample of rule.counterexamples) {
      it(`${rule.id} does not fire on: ${counterexample}`, () => {
        const mentions = mentionsOf(counterexample);
        const fired = mentions.filter((mention) => mention.rules.includes(rule.id));
        expect(fired, JSON.stringify(fired.map((m) => [m.action, m.quantity?.value, m.totalUsd?.value]))).toEqual([]);
      });
    }
  }
});

// A not-an-event cue's examples must lose a transaction to it (fewer with the cue than without), and
// its counterexamples must keep theirs: the cue is tested against the same rules minus itself.
describe('not-an-event cue examples', () => {
  const withCue = defaultRulebook();
  const figures = (text: string, rulebook = withCue) =>
    analyzeDocument(rawDocument(text, { published: '2026-02-16' }), rulebook).mentions.map(
      (mention) => `${mention.action} ${mention.quantity?.value ?? mention.totalUsd?.value}`,
    );
  for (const cue of files.cues.not_an_event.filter(
    (candidate) => candidate.examples.length || candidate.counterexamples.length,
  )) {
    const withoutCue = compileRulebook({
      ...files,
      cues: { ...files.cues, not_an_event: files.cues.not_an_event.filter((other) => other !== cue) },
    });
    for (const example of cue.examples) {
      it(`${cue.id} removes a transaction from: ${example}`, () => {
        expect(figures(example).length).toBeLessThan(figures(example, withoutCue).length);
      });
    }
    for (const counterexample of cue.counterexamples) {
      it(`${cue.id} leaves alone: ${counterexample}`, () => {
        const kept = figures(counterexample);
        expect(kept.length).toBeGreaterThan(0);
        expect(kept).toEqual(figures(counterexample, withoutCue));
      });
    }
  }
});

// Sentence-level cues are regular expressions over a sentence: each example must match, each counterexample not.
describe('sentence cue examples', () => {
  const rulebook = defaultRulebook();
  for (const cue of files.cues.disowns) {
    const compiled = rulebook.disowns.find((candidate) => candidate.id === cue.id)!;
    for (const example of cue.examples)
      it(`${cue.id} matches: ${example}`, () => expect(compiled.regex.test(example)).toBe(true));
    for (const counterexample of cue.counterexamples)
      it(`${cue.id} does not match: ${counterexample}`, () => expect(compiled.regex.test(counterexample)).toBe(false));
  }
});

// A purpose cue's examples must give their transaction that purpose, by that cue; its
// counterexamples must not get it from the cue.
describe('purpose cue examples', () => {
  for (const category of files.purposes) {
    for (const cue of category.cues) {
      const byCue = (text: string) =>
        mentionsOf(text).filter((mention) =>
          (mention.provenance.purpose ?? []).some((evidence) => evidence.rule === cue.id),
        );
      for (const example of cue.examples) {
        it(`${cue.id}: ${example}`, () => {
          const fired = byCue(example);
          expect(fired.length, `no mention's purpose comes from ${cue.id}`).toBeGreaterThan(0);
          expect(fired[0].purpose).toContain(category.category);
        });
      }
      for (const counterexample of cue.counterexamples) {
        it(`${cue.id} gives no purpose to: ${counterexample}`, () => {
          const mentions = mentionsOf(counterexample);
          expect(mentions.length, 'the counterexample must still tell a transaction').toBeGreaterThan(0);
          expect(byCue(counterexample)).toEqual([]);
        });
      }
    }
  }
});

// A page-source cue's examples, told after a transaction only the press reported, confirm it; its
// counterexamples leave it reported.
describe('page source cue examples', () => {
  const told = 'Kestrel Labs Inc. sold 120 BTC on Monday, a news site reported.';
  const statusAfter = (text: string) =>
    mentionsOf(`${told}\n${text}`).find((mention) => mention.quantity?.value === 120);
  it('the transaction alone is only reported', () => expect(mentionsOf(told)[0].status).toBe('reported'));
  for (const cue of files.cues.page_sources) {
    for (const example of cue.examples) {
      it(`${cue.id}: ${example}`, () => {
        const mention = statusAfter(example);
        expect(mention?.status).toBe('confirmed');
        expect(mention?.rules).toContain(`page.${cue.id}`);
      });
    }
    for (const counterexample of cue.counterexamples) {
      it(`${cue.id} confirms nothing in: ${counterexample}`, () =>
        expect(statusAfter(counterexample)?.status).toBe('reported'));
    }
  }
});
