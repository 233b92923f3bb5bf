/** The export contract (../shared/DESIGN.md): other tools read these headers, in this order. */
export const EVENT_COLUMNS = ['event_id', 'company', 'ticker', 'asset', 'action', 'quantity', 'quantity_low', 'quantity_high', 'unit_price_usd', 'total_usd', 'purpose', 'date', 'date_end', 'holdings_before', 'holdings_after', 'status', 'confidence', 'source_count', 'sources', 'conflicts', 'review_state'] as const;

export const MENTION_COLUMNS = ['mention_id', 'event_id', 'source', 'published', 'company', 'ticker', 'asset', 'action', 'quantity', 'approx', 'unit_price_usd', 'total_usd', 'purpose', 'date', 'date_end', 'holdings_before', 'holdings_after', 'status', 'rules', 'evidence'] as const;
