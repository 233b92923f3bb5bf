import { describe, expect, it } from 'vitest';
import { parseAssignment } from '../../src/review/assignment.js';
import { candidateLabel } from '../../src/review/candidateLabel.js';
import { storedEvent } from '../../src/schema/event.js';
import { validateValue } from '../../src/review/validateValue.js';

describe('validateValue', () => {
  it.each([
    ['unit_price_usd', '70000', '70000'],
    ['unit_price_usd', '70,000', '70000'],
    ['unit_price_usd', '$70,000.50', '70000.5'],
    ['total_usd', '$17.5 million', '17500000'],
    ['total_usd', '1.2bn', '1200000000'],
    ['quantity', ' 1,100 ', '1100'],
    ['holdings_after', '0', '0'],
    ['date', '2026-03-03', '2026-03-03'],
    ['date', '2026-03', '2026-03'],
    ['date', '2026', '2026'],
    ['date', '2024-02-29', '2024-02-29'],
    ['date', '2026-03-01..2026-03-03', '2026-03-01..2026-03-03'],
    ['date', '2026-02..2026-03-03', '2026-02..2026-03-03'],
    ['status', 'confirmed', 'confirmed'],
    ['purpose', 'treasury; debt_repayment', 'debt_repayment;treasury'],
  ])('%s accepts %j as %j', (field, raw, value) => {
    expect(validateValue(field, raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['unit_price_usd', 'seventy', 'expected a number'],
    ['unit_price_usd', '70 000', 'expected a number'],
    ['quantity', '0', 'above 0'],
    ['total_usd', '-5', 'expected a number'],
    ['total_usd', '5 zillion', 'expected a number'],
    ['unit_price_usd', '', 'required'],
    ['date', '2026-02-30', 'expected a date'],
    ['date', '2026-13', 'expected a date'],
    ['date', 'March 3', 'expected a date'],
    ['date', '26-03-03', 'expected a date'],
    ['date', '2026-03-05..2026-03-01', 'before it starts'],
    ['date', '2026..2027..2028', 'expected a date'],
    ['status', 'rumoured', 'expected one of'],
    ['purpose', 'fun', 'expected purposes'],
    ['colour', 'x', 'not a field'],
    ['action', 'steal', 'expected one of'],
    ['asset', 'b-t-c', 'expected an asset symbol'],
    ['company', 'A|B', 'expected a company name'],
  ])('%s refuses %j', (field, raw, error) => {
    const checked = validateValue(field, raw);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.error).toContain(error);
  });
});

describe('candidateLabel', () => {
  it('renders what people read from the bare value and its parts', () => {
    expect(candidateLabel({ value: '70000' })).toBe('70000');
    expect(candidateLabel({ value: '3000', bounds: { low: 3000, high: 3100 } })).toBe('~3000 [3000..3100]');
    expect(candidateLabel({ value: '2026-02-07..2026-02-08', dateKind: 'executed' })).toBe(
      '2026-02-07..2026-02-08 (executed)',
    );
  });

  it('reads the labels an older datledger stored as values back into value and parts', () => {
    const backing = { mentionKeys: ['k1'], sources: ['a.txt'], origins: 1 };
    const stored = {
      fields: {
        holdings_after: {
          candidates: [
            { value: '~3000 [3000..3100]', ...backing },
            { value: '3050', ...backing },
          ],
        },
        date: { candidates: [{ value: '2026-03-03 (executed)', ...backing }] },
      },
    };
    const event = storedEvent(JSON.stringify(stored));
    expect(event.fields.holdings_after.candidates.map(({ value, bounds }) => ({ value, bounds }))).toEqual([
      { value: '3000', bounds: { low: 3000, high: 3100 } },
      { value: '3050', bounds: undefined },
    ]);
    expect(event.fields.date.candidates[0]).toMatchObject({ value: '2026-03-03', dateKind: 'executed' });
    expect(event.fields.date.candidates.map(candidateLabel)).toEqual(['2026-03-03 (executed)']);
  });
});

describe('parseAssignment', () => {
  it('splits EVENT_ID.FIELD=VALUE, keeping dots and = in the value', () => {
    expect(parseAssignment('7b76.date=2026-03-01..2026-03-03')).toEqual({
      eventId: '7b76',
      field: 'date',
      value: '2026-03-01..2026-03-03',
    });
    expect(parseAssignment('7b76.purpose=a=b')).toEqual({ eventId: '7b76', field: 'purpose', value: 'a=b' });
  });

  it('explains what is wrong', () => {
    expect(parseAssignment('7b76date=1')).toContain('expected EVENT_ID.FIELD=VALUE');
    expect(parseAssignment('.date=1')).toContain('event id is missing');
    expect(parseAssignment('7b76.colour=red')).toContain('unknown field colour');
  });
});
