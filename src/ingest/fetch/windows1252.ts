/**
 * WHATWG windows-1252 for bytes 0x80-0x9F (the only range where it differs
 * from ISO-8859-1). Unassigned bytes keep their C1 code point, as the standard says.
 */
const HIGH_CONTROL_RANGE = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d,
  0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x009d, 0x017e, 0x0178,
];

/**
 * Decodes windows-1252 by hand. Node 20.18.3+ has a regression where
 * TextDecoder('windows-1252') takes a Latin-1 fast path and returns C1
 * controls for 0x80-0x9F, so curly quotes, dashes and the euro sign vanish
 * (nodejs/node#60888, #56542). Every "latin1"/"iso-8859-1"/"ascii" label
 * resolves to this encoding too, so it matters for a lot of older news pages.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (char) => String.fromCharCode(HIGH_CONTROL_RANGE[char.charCodeAt(0) - 0x80]!));
}
