/**
 * Adversarial inputs: texts shaped to make a regular expression backtrack or a scan go quadratic
 * (one short unit repeated, markup nested very deep). test/robustness/analyze.property.test.ts
 * checks that analysis finishes on each and reads it correctly; the bench (`npm run bench`) times
 * them, since how fast is the bench's question, not the tests'.
 */
import { analyzeDocument } from '../analyze.js';
import type { Rulebook } from '../rulebook/compile.js';
import type { RawDocument } from '../schema/document.js';

export interface AdversarialInput {
  name: string;
  format: 'text' | 'html';
  /** the input at about `bytes` characters */
  build(bytes: number): string;
}

/** `unit` repeated to about `bytes` characters, then `tail`. */
const repeated =
  (unit: string, tail = '') =>
  (bytes: number) =>
    unit.repeat(Math.ceil(bytes / unit.length)) + tail;

/** `wrapped` inside `depth` elements opened and closed, the depth chosen so the page is about `bytes` characters. */
const nested = (open: string, close: string, wrapped: string) => (bytes: number) => {
  const depth = Math.max(1, Math.ceil(bytes / (open.length + close.length)));
  return `${open.repeat(depth)}${wrapped}${close.repeat(depth)}`;
};

export const ADVERSARIAL_INPUTS: AdversarialInput[] = [
  { name: 'a run of digits', format: 'text', build: repeated('7') },
  { name: 'digits and commas ("1,1,1,...")', format: 'text', build: repeated('1,') },
  { name: 'numbers and commas with spaces ("1, 1, 1, ...")', format: 'text', build: repeated('1, ') },
  { name: 'dollar signs and figures', format: 'text', build: repeated('$1,000,$') },
  { name: 'hedge words ("about about about")', format: 'text', build: repeated('about approximately ', ' 5 BTC') },
  { name: 'dates without full stops', format: 'text', build: repeated('Jan 1 ') },
  {
    name: 'a dense stream of transactions and asides',
    format: 'text',
    build: repeated('Strategy bought 1 BTC on Monday. It confirmed the purchase, leaving it with 5 BTC. '),
  },
  { name: 'one line of tagged-looking brackets', format: 'text', build: repeated('⟦Q0⟧ ⟦C1⟧ 12 BTC ') },
  {
    name: 'a flat page of many thousand elements',
    format: 'html',
    build: repeated('<p>Cango sold 5 BTC.</p><span>x</span>'),
  },
  {
    name: 'a flat page of many thousand purchases by one company',
    format: 'html',
    build: repeated('<p>Strategy bought 5 BTC for its treasury.</p>'),
  },
  {
    name: 'markup nested one element per 11 characters',
    format: 'html',
    build: nested('<div>', '</div>', 'Strategy bought 12 BTC.'),
  },
];

/** The size the test and the bench analyse each input at: quadratic work shows at this size, linear work does not. */
export const LARGE_BYTES = 1_000_000;

/** A few kilobytes: exponential backtracking shows at this size already. */
export const SMALL_BYTES = 3_000;

export function adversarialDocument(input: AdversarialInput, bytes: number): RawDocument {
  const text = input.build(bytes);
  return {
    source: `adversarial.${input.format === 'html' ? 'html' : 'txt'}`,
    kind: 'file',
    format: input.format,
    text,
    contentHash: String(text.length),
    publishedHint: null,
    observedAt: '2026-03-01T00:00:00.000Z',
  };
}

export interface AdversarialTiming {
  name: string;
  smallMs: number;
  largeMs: number;
}

/** Analyses every input at both sizes, one after another, and returns the time each took. */
export function timeAdversarialInputs(rulebook: Rulebook): AdversarialTiming[] {
  const time = (raw: RawDocument) => {
    const started = performance.now();
    analyzeDocument(raw, rulebook);
    return performance.now() - started;
  };
  return ADVERSARIAL_INPUTS.map((input) => ({
    name: input.name,
    smallMs: time(adversarialDocument(input, SMALL_BYTES)),
    largeMs: time(adversarialDocument(input, LARGE_BYTES)),
  }));
}
