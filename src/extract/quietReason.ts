import type { Rulebook } from '../rulebook/compile.js';
import type { Line } from '../schema/document.js';
import type { Mention } from '../schema/mention.js';
import { splitSentences } from './sentences.js';

/**
 * Why a page yielded no transaction, so a user can tell a quiet article from a missed one. In the
 * order the reading gives up: no action word at all; action words, but never in a sentence with a
 * figure (every pattern needs both); such sentences, but no report was read in them; reports
 * read, but none could name its company (or had a figure that did not parse).
 */
export type QuietCode = 'no-action-word' | 'no-figure-near-action' | 'not-a-transaction' | 'no-company';

export interface QuietReason {
  code: QuietCode;
  detail: string;
}

/** The longest example sentence quoted in a reason. */
const EXAMPLE_CHARS = 160;

const quote = (text: string) =>
  `"${text.length > EXAMPLE_CHARS ? `${text.slice(0, EXAMPLE_CHARS - 3).trimEnd()}...` : text}"`;

export function quietReason(lines: Line[], rulebook: Rulebook, extracted: Mention[]): QuietReason {
  if (extracted.length > 0) {
    return {
      code: 'no-company',
      detail:
        `${extracted.length} report(s) read, none kept: no company could be named (or its figure did not parse), ` +
        `e.g. ${quote(extracted[0].sentence.trim())}`,
    };
  }
  const read = lines.filter((line) => line.zone !== 'boilerplate');
  const withAction = read.filter((line) => rulebook.anyActionWord.test(line.text));
  if (withAction.length === 0)
    return {
      code: 'no-action-word',
      detail: 'no action word (bought, sold, mined, transferred, ...) outside boilerplate',
    };
  const candidates = withAction
    .flatMap((line) => splitSentences(line.text).map((sentence) => sentence.text.trim()))
    .filter((sentence) => /\d/.test(sentence) && rulebook.anyActionWord.test(sentence));
  if (candidates.length === 0) {
    const example =
      splitSentences(withAction[0].text)
        .map((sentence) => sentence.text.trim())
        .find((sentence) => rulebook.anyActionWord.test(sentence)) ?? withAction[0].text;
    return {
      code: 'no-figure-near-action',
      detail: `action words, but none in a sentence with a figure, e.g. ${quote(example)}`,
    };
  }
  return {
    code: 'not-a-transaction',
    detail:
      `${candidates.length} sentence(s) with an action word and a figure, none read as a transaction ` +
      `(a price, plan, hypothetical or denial is not one), e.g. ${quote(candidates[0])}`,
  };
}
