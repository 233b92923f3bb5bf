import { holdingsRows, holdingsTable } from '../../export/holdings.js';
import { EXIT, UsageError, withRepository } from '../common.js';
import type { CliIo } from '../io.js';

/** A company's running balance beside its stated holdings (export/holdings.ts), as text or JSON. */
export async function holdingsCommand(
  company: string,
  options: { db?: string; asset?: string; json?: boolean },
  io: CliIo,
): Promise<number> {
  const { defaultRulebook } = await import('../../rulebook/compile.js');
  const { lookupKey } = await import('../../rulebook/regex.js');
  const rulebook = defaultRulebook();
  const canonical =
    rulebook.companyByAlias.get(lookupKey(company))?.name ??
    rulebook.companyByTicker.get(company.toUpperCase())?.name ??
    company;
  return withRepository(options.db, 'read', async (repository) => {
    const events = repository
      .allEvents()
      .filter((e) => e.company === canonical && (!options.asset || e.asset === options.asset.toUpperCase()));
    if (events.length === 0)
      throw new UsageError(
        `no events for ${company}${options.asset ? ` in ${options.asset}` : ''}; ` +
          'see datledger export for what the ledger holds',
      );
    const rows = holdingsRows(events);
    if (options.json) {
      io.stdout.write(
        `${JSON.stringify({ company: canonical, asset: options.asset?.toUpperCase() ?? null, rows }, null, 2)}\n`,
      );
      return EXIT.ok;
    }
    io.stdout.write(holdingsTable(canonical, rows));
    return EXIT.ok;
  });
}
