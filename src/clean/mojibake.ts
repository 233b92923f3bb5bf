/**
 * Mojibake: a page that was UTF-8 but was read as Windows-1252 or Latin-2 (ISO-8859-2, Windows-1250)
 * shows each typographic character as two or three wrong ones, most often inside figures and dates:
 * "41.5âŻBTC" is 41.5 + a narrow no-break space + BTC, "2031â03â14" a date with en dashes.
 * Numbers torn apart like this are not read as numbers, so the common punctuation is put back
 * before anything else looks at the text. Accented letters are left alone: they are rarer in
 * figures and a wrong guess there would change names.
 */

/** What the damaged sequences stood for, most frequent first: on a collision the earlier one wins. */
const INTENDED = [
  '\u00a0', // no-break space
  '\u202f', // narrow no-break space (between a figure and its unit)
  '\u2019', // right single quote, the apostrophe of "company’s"
  '\u201c', // left double quote
  '\u201d', // right double quote
  '\u2013', // en dash
  '\u2014', // em dash
  '\u2018', // left single quote
  '\u2026', // ellipsis
  '\u2022', // bullet
  '\u2011', // non-breaking hyphen
  '\u2009', // thin space
  '\u2248', // almost equal to
];

/**
 * Windows-1252 where it differs from Latin-1 (bytes 0x80-0x9f; the five it leaves undefined stay
 * controls). Written out because Node's TextDecoder('windows-1252') decodes these bytes as Latin-1.
 */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const windows1252 = (bytes: Uint8Array) =>
  String.fromCharCode(...bytes).replace(
    /[\u0080-\u009f]/g,
    (control) => WINDOWS_1252_HIGH[control.charCodeAt(0) - 0x80],
  );

/** How each was misread: its UTF-8 bytes decoded by these, with and without the C1 controls a copy drops. */
const MISREADINGS: ((bytes: Uint8Array) => string)[] = [
  windows1252,
  ...['windows-1250', 'iso-8859-2'].map((encoding) => (bytes: Uint8Array) => new TextDecoder(encoding).decode(bytes)),
];
const C1_CONTROLS = /[\u0080-\u009f]/g;

function buildTable(): Map<string, string> {
  const table = new Map<string, string>();
  const encoder = new TextEncoder();
  for (const intended of INTENDED) {
    const bytes = encoder.encode(intended);
    for (const decode of MISREADINGS) {
      const misread = decode(bytes);
      for (const damaged of [misread, misread.replace(C1_CONTROLS, '')]) {
        // One character left ("â" alone, when the controls were dropped) says nothing by itself:
        // those are read in context below.
        if (damaged.length >= 2 && !table.has(damaged)) table.set(damaged, intended);
      }
    }
  }
  return table;
}

const TABLE = buildTable();
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Longest first, so "â€™" is not read as "â€" + "™". */
const DAMAGED = new RegExp(
  [...TABLE.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|'),
  'g',
);

/**
 * Latin-2 with the controls dropped turns all of these into a bare "â": a page showing the narrow
 * space or an apostrophe that way ("âŻ", "companyâs") has its other bare "â" read in context.
 */
const BARE_SIGNATURE = /âŻ|\p{Ll}âs\b|\dâ\d/u;

/** Bare "â" where the damage left only the first byte, by what stands around it. */
const BARE_RULES: [RegExp, string][] = [
  [/(?<=\d)â(?=\d)/g, '\u2013'], // 2025â08â06: dashes of a date or a range
  [/(?<=\p{L})â(?=(?:s|t|re|ll|ve|d|m)\b)/gu, '\u2019'], // companyâs, donât
  [/(?<=\p{L})â(?=\p{L})/gu, '-'], // pressârelease, forwardâlooking: a hyphen that must not break
  [/â(?=\u202f)/g, '\u2248'], // "â\u202f$310": the "≈ " of generated answers, always set with a narrow space
  [/(?<=^|[\s([|])â(?=[\p{L}\p{N}$€£¥])/gmu, '\u201c'], // âsale: an opening quote
  [/(?<=[\p{L}\p{N}.,!?%)])â(?=$|[\s.,;:!?)\]|])/gmu, '\u201d'], // sale,â and the closing one
  [/(?<=\s)â(?=\s)/g, '\u2013'], // " â ": a dash between clauses
];

/** The page with damaged punctuation put back; an undamaged page is returned as it is. */
export function repairMojibake(text: string): string {
  // Every damaged sequence starts with one of these two; a scan for one character is the cheapest test.
  if (!text.includes('â') && !text.includes('Â')) return text;
  const bare = BARE_SIGNATURE.test(text);
  let repaired = text.replace(DAMAGED, (damaged) => TABLE.get(damaged)!);
  if (bare) for (const [pattern, intended] of BARE_RULES) repaired = repaired.replace(pattern, intended);
  return repaired;
}
