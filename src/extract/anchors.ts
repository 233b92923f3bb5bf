import { CELL_SEPARATOR, isTableRow } from '../schema/tableRow.js';
import type { Rulebook } from '../rulebook/compile.js';
import { allMatches, lookupKey } from '../rulebook/regex.js';
import { chunkToken, readSlots, type ChunkType } from '../rulebook/template.js';
import type { Action, Status } from '../schema/mention.js';
import { chunkOf, type Chunk, type TaggedSentence } from './chunks.js';

/** Where a transaction is stated in a sentence: the rule, the action word and the quantity. */
export interface Anchor {
  rule: string;
  action: Action;
  word: string;
  quantity: Chunk;
  /** asset for quantities written as bare numbers (table rows) */
  asset: string | null;
  /** span of the whole match in tagged coordinates */
  start: number;
  end: number;
  /** companies captured by the pattern itself ("a sale by Cango of ...") */
  company: Chunk | null;
  /** the anchor a comparison figure continues ("..., down from 569 bitcoin") */
  continues?: Anchor;
  /** the table cell the figure stands in (1 = first figure column), for a table row */
  column?: number;
  /**
   * a second action named for a figure another anchor states ("sold all 520 BTC it mined"): background, not
   * the point of the sentence
   */
  secondary?: boolean;
  /** the status the pattern gives its figures by itself (a KPI table row: confirmed) */
  status?: Status;
  /** the figure is money, not coins: a value-only transaction ("sold $250 million worth of bitcoin") */
  valueOnly?: boolean;
  /** a table row: further figure columns are the same row for other periods */
  columns?: boolean;
}

/** The cell of a " | "-separated row an offset of the sentence's text falls in (0 = the label). */
export function cellIndex(text: string, offset: number): number {
  let cells = 0;
  for (
    let at = text.indexOf(CELL_SEPARATOR);
    at >= 0 && at < offset;
    at = text.indexOf(CELL_SEPARATOR, at + CELL_SEPARATOR.length)
  )
    cells++;
  return cells;
}

/**
 * Holdings a pattern found; `text` is the figure as the ledger reads it, with the bound the pattern
 * put before it ("holdings above 1.4 million SOL" is at least 1.4 million: "above 1.4 million SOL").
 */
export interface HoldingsFinding {
  rule: string;
  role: 'before' | 'after';
  quantity: Chunk;
  text: string;
  start: number;
}

/** A bound a holdings pattern reads before its figure ("taking its holdings above|past|over ..."). */
const BOUND_BEFORE = /\b(above|past|over|beyond|below|under)\s*$/i;

/** Holdings first: a quantity they claim ("leaving it with 3,000 BTC") is never a transaction. */
export function findHoldings(sentence: TaggedSentence, rulebook: Rulebook): HoldingsFinding[] {
  const found: HoldingsFinding[] = [];
  for (const rule of rulebook.holdings) {
    for (const match of allMatches(rule.regex, sentence.tagged)) {
      // A bare figure ("the miner's holdings to 2,349") is the holdings' own asset: only patterns that say so use {N}.
      const quantities = readSlots(match, rule).filter((slot) => slot.kind === 'Q' || slot.kind === 'N');
      quantities.forEach((slot, position) => {
        const quantity = chunkOf(sentence, slot.kind as 'Q' | 'N', Number(slot.value));
        if (!quantity || found.some((finding) => finding.quantity === quantity)) return;
        const role =
          rule.role === 'before-after'
            ? slot.role === 'before' || (slot.role === null && position === 0)
              ? 'before'
              : 'after'
            : rule.role;
        const token = match[0].indexOf(chunkToken(slot.kind as ChunkType, Number(slot.value)));
        const bound = token > 0 ? BOUND_BEFORE.exec(match[0].slice(0, token))?.[1] : undefined;
        const text =
          bound &&
          !/^\D*(?:about|over|above|more|nearly|almost|roughly|approximately|around|some|under|below|less)\b/i.test(
            quantity.text,
          )
            ? `${bound.toLowerCase()} ${quantity.text}`
            : quantity.text;
        found.push({ rule: rule.id, role, quantity, text, start: match.index! });
      });
    }
  }
  return found;
}

export function findAnchors(
  sentence: TaggedSentence,
  rulebook: Rulebook,
  claimed: Set<Chunk>,
  defaultAsset: string | null,
): Anchor[] {
  const anchors: Anchor[] = [];
  const taken = new Set<Chunk>(claimed);
  // A pattern can only match where its figure's kind of chunk is: money for value-only ones.
  const hasMoney = sentence.chunks.some((chunk) => chunk.type === 'M');
  const hasFigure = sentence.chunks.some((chunk) => chunk.type === 'Q' || chunk.type === 'N');
  for (const rule of rulebook.events) {
    if (rule.valueOnly ? !hasMoney : !hasFigure) continue;
    for (const match of allMatches(rule.regex, sentence.tagged)) {
      const slots = readSlots(match, rule);
      const word = slots.find((slot) => slot.kind === 'verb' || slot.kind === 'noun' || slot.kind === 'passive');
      // The figure: a coin quantity, a table number, or for a value-only pattern the money itself.
      const quantitySlot = slots.find((slot) =>
        rule.valueOnly ? slot.kind === 'M' : slot.kind === 'Q' || slot.kind === 'N',
      );
      // A pattern with an action of its own needs no action word of its own ("8,000 ETH passed to X"):
      // the sentence still needs one to be read at all.
      if ((!word && !rule.action) || !quantitySlot) continue;
      const quantity = chunkOf(sentence, quantitySlot.kind as 'Q' | 'N' | 'M', Number(quantitySlot.value));
      const action = rule.action ?? rulebook.actionByWord.get(lookupKey(word!.value));
      if (!quantity || !action) continue;
      const secondAction =
        rule.role === 'second-action' &&
        anchors.some((other) => other.quantity === quantity && other.action !== action);
      if (taken.has(quantity) && !secondAction) continue;
      const assetWord = slots.find((slot) => slot.kind === 'asset');
      const asset =
        quantity.asset ??
        (assetWord ? (rulebook.assetByName.get(lookupKey(assetWord.value))?.symbol ?? null) : defaultAsset);
      if (!asset) continue;
      const companySlot = slots.find((slot) => slot.kind === 'C');
      taken.add(quantity);
      anchors.push({
        rule: rule.id,
        action,
        word: word?.value ?? match[0],
        quantity,
        asset,
        ...(secondAction ? { secondary: true } : {}),
        ...(rule.status ? { status: rule.status } : {}),
        ...(rule.valueOnly ? { valueOnly: true } : {}),
        ...(rule.columns ? { columns: true } : {}),
        start: match.index!,
        end: match.index! + match[0].length,
        company: companySlot ? (chunkOf(sentence, 'C', Number(companySlot.value)) ?? null) : null,
      });
    }
  }
  // A table row states one figure per period column ("Bitcoin mined | 598 | 640"): each figure after
  // the first is the same row's transaction for another column.
  for (const anchor of [...anchors]) {
    if (!anchor.columns || !isTableRow(sentence.text)) continue;
    anchor.column = cellIndex(sentence.text, anchor.quantity.start);
    for (const cell of sentence.chunks.filter((chunk) => chunk.type === 'N' && chunk.start > anchor.quantity.start)) {
      if (taken.has(cell)) continue;
      const column = cellIndex(sentence.text, cell.start);
      if (column <= anchor.column) continue;
      taken.add(cell);
      // The span runs from the row's label to this figure, so the evidence shows both.
      const token = chunkToken('N', sentence.chunks.filter((chunk) => chunk.type === 'N').indexOf(cell));
      const end = sentence.tagged.indexOf(token) + token.length;
      anchors.push({ ...anchor, quantity: cell, column, start: anchor.start, end: Math.max(end, anchor.end) });
    }
  }
  // The other members of a quantity list share the first member's action.
  for (const anchor of [...anchors]) {
    const list = anchor.quantity.list;
    if (!list || list.index !== 0) continue;
    for (const member of sentence.chunks.filter((chunk) => chunk.list?.id === list.id && chunk.list.index > 0)) {
      if (taken.has(member)) continue;
      taken.add(member);
      anchors.push({
        ...anchor,
        rule: 'event.quantity-list',
        quantity: member,
        start: anchor.start + member.start - anchor.quantity.start,
        end: anchor.end + member.end - anchor.quantity.end,
      });
    }
  }
  anchors.sort((a, b) => a.start - b.start);
  const quantityPositions = [...sentence.tagged.matchAll(/⟦Q(\d+)⟧/g)].map((match) => ({
    at: match.index!,
    index: Number(match[1]),
  }));
  for (const rule of rulebook.continuations) {
    for (const match of allMatches(rule.regex, sentence.tagged)) {
      // A bare figure ("and 95 in May") takes the asset of the figure it continues.
      const slot = readSlots(match, rule).find((candidate) => candidate.kind === 'Q' || candidate.kind === 'N');
      const quantity = slot ? chunkOf(sentence, slot.kind as 'Q' | 'N', Number(slot.value)) : undefined;
      const previous = [...anchors].reverse().find((anchor) => anchor.start < match.index!);
      if (!quantity || !previous || taken.has(quantity)) continue;
      // "..., down from 569 bitcoin" continues the figure just before it, not a holdings figure in between.
      const before = quantityPositions.filter((position) => position.at < match.index!).at(-1);
      if (!before || chunkOf(sentence, 'Q', before.index) !== previous.quantity) continue;
      taken.add(quantity);
      // "Kestrel sold 210 BTC, while Nordwind sold 145": the same action and asset by another company.
      const companySlot = readSlots(match, rule).find((candidate) => candidate.kind === 'C');
      const company = companySlot ? (chunkOf(sentence, 'C', Number(companySlot.value)) ?? null) : null;
      // A verb of its own gives its own action ("produced 1,221 bitcoins while selling 1,975").
      const verbSlot = readSlots(match, rule).find((candidate) => candidate.kind === 'verb');
      const action = (verbSlot && rulebook.actionByWord.get(verbSlot.value.toLowerCase())) || previous.action;
      const continued = {
        ...previous,
        rule: rule.id,
        action,
        quantity,
        asset: quantity.asset ?? previous.asset,
        start: match.index!,
        end: match.index! + match[0].length,
      };
      anchors.push(company ? { ...continued, company, secondary: undefined } : { ...continued, continues: previous });
    }
  }
  return anchors.sort((a, b) => a.start - b.start);
}
