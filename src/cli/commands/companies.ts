import { EXIT, withRepository } from '../common.js';
import type { CliIo } from '../io.js';

/** Companies the ledger names that the lexicon (project and --rules) does not know; --all lists every one. */
export async function companiesCommand(
  options: { db?: string; json?: boolean; all?: boolean },
  io: CliIo,
): Promise<number> {
  const { defaultRulebook } = await import('../../rulebook/compile.js');
  const { formatLedgerCompanies, ledgerCompanies } = await import('../../rulebook/ledgerCompanies.js');
  const rulebook = defaultRulebook();
  return withRepository(options.db, 'read', async (repository) => {
    const companies = ledgerCompanies(repository.companyMentions(), rulebook, { all: options.all });
    if (options.json) io.stdout.write(`${JSON.stringify(companies, null, 2)}\n`);
    else if (companies.length > 0) io.stdout.write(formatLedgerCompanies(companies, options.all ?? false));
    else
      io.stderr.write(
        options.all ? 'no companies in the ledger yet\n' : 'every company in the ledger is in the lexicon\n',
      );
    return EXIT.ok;
  });
}
