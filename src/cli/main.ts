import { Command, CommanderError, Option } from 'commander';
import { resolve } from 'node:path';
import { EXIT, run } from './common.js';

// `datledger export | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/**
 * The command line: parse arguments, call the library, print. Heavy modules (compromise, cheerio,
 * SQLite) load inside the commands that use them, so --help answers at once.
 */
const program = new Command('datledger')
  .description('Turns news about corporate crypto-treasury moves into a clean, reconciled, traceable ledger.')
  .version('0.1.0')
  .exitOverride()
  .showHelpAfterError('(datledger --help lists the commands)')
  .addHelpText('after', `
Examples:
  datledger ingest saved-pages/ --db ledger.db
  datledger export --level events --out events.csv
  datledger explain 3f2a9c0d1b7e
  datledger --rules my-rules ingest saved-pages/   # my-rules/companies.yaml beside the project's rules/

Database: --db FILE, else $DATLEDGER_DB, else ./datledger.db.
Rules: the project's rules/, plus --rules DIR (else $DATLEDGER_RULES): a folder with a companies.yaml of your own.
Exit codes: 0 ok, 1 some inputs failed (the rest is kept), 2 usage error.`)
  .option('--rules <dir>', 'a rules folder of your own (companies.yaml), read beside the project\'s rules/ (default $DATLEDGER_RULES)')
  // --rules sets DATLEDGER_RULES, so every rulebook built from here on (worker threads too: they inherit the environment) reads it.
  .hook('preAction', async () => {
    const { USER_RULES_ENV, userRulesDir, userRulesProblem } = await import('../rulebook/userRules.js');
    const given = program.opts<{ rules?: string }>().rules;
    if (given !== undefined) process.env[USER_RULES_ENV] = resolve(given);
    const dir = userRulesDir();
    const problem = dir === null ? null : userRulesProblem(dir);
    if (problem) {
      process.stderr.write(`datledger: ${dir}: ${problem}\n`);
      throw new CommanderError(EXIT.usage, 'datledger.rules', problem);
    }
  });

const db = () => new Option('--db <file>', 'SQLite database (default $DATLEDGER_DB or ./datledger.db)');
const example = (text: string) => `\nExample:\n  ${text}\n`;

program.command('ingest')
  .description('ingest article files, folders (recursively; .txt .md .html .htm) and URLs')
  .argument('[inputs...]', 'files, folders or http(s) URLs')
  .option('--urls <file>', 'a file with one URL a line (# comments and blank lines allowed)')
  .option('--published <date>', 'publication date YYYY-MM-DD for the pages that show none of their own (a page\'s NAME.meta.json sidecar beats both)')
  .option('--max-bytes <n>', 'skip files and pages larger than this (default 20 MB files, 5 MB pages)')
  .option('--concurrency <n>', 'URLs fetched at once (default 8; at most 2 per host)')
  .option('--ignore-robots', 'fetch URLs that robots.txt disallows')
  .option('--timings', 'print time per stage, CPU time and peak memory to standard error (also DATLEDGER_TIMINGS=1)')
  .addOption(db())
  .addHelpText('after', `
Publication dates, strongest first: a sidecar beside a saved page (NAME.meta.json for NAME.html,
holding {"published": "2026-02-09"}); the date the page shows (JSON-LD, meta, <time>, URL, dateline,
label, byline); --published, for pages that show none; else none. A file's modification time is never
a publication date. Correct a stored page's date with: datledger set-published SOURCE DATE
${example('datledger ingest data/samples https://example.com/news/cango-sells-btc --db ledger.db\n  datledger ingest saved-2026-02-09/ --published 2026-02-09')}`)
  .action((inputs: string[], options) => run(async () => (await import('./commands/ingest.js')).ingestCommand(inputs, options)));

program.command('paste')
  .description('ingest one article pasted on standard input (end with Ctrl-D)')
  .option('--published <date>', 'publication date, YYYY-MM-DD, a real day (relative dates are read against it; beats a date the page shows)')
  .option('--source <name>', 'name to record as the source (default "stdin")')
  .option('--format <format>', 'text or html (default: detected)')
  .addOption(db())
  .addHelpText('after', example('pbpaste | datledger paste --published 2026-02-09 --source "Newswire, Feb 9"'))
  .action((options) => run(async () => (await import('./commands/paste.js')).pasteCommand(options)));

program.command('set-published')
  .description('set or correct the publication date of a stored page: its mentions\' dates are read again against it and its events reconciled again')
  .argument('<document>', 'a source as stored (a URL, or a path in any spelling), a document id as datledger documents shows it (12), or the start of a mention key (export --level mentions)')
  .argument('<date>', 'the publication date, YYYY-MM-DD; or "page" to go back to the date the page itself shows (or none)')
  .addOption(db())
  .addHelpText('after', `
The date is stored with its source (set-published), shown by explain, and beats any date found on
the page, a sidecar and --published, also when the page is ingested again. Review decisions stay in force.
${example('datledger set-published saved/cango-sale.txt 2026-02-09 --db ledger.db\n  datledger set-published saved/cango-sale.txt page')}`)
  .action((document: string, date: string, options) => run(async () => (await import('./commands/setPublished.js')).setPublishedCommand(document, date, options)));

program.command('export')
  .description('write the ledger as CSV (RFC 4180) to stdout or a file')
  .option('--level <level>', 'events or mentions', 'events')
  .option('--out <file>', 'write to this file instead of stdout')
  .addOption(db())
  .addHelpText('after', example('datledger export --level mentions --out mentions.csv'))
  .action((options) => run(async () => (await import('./commands/export.js')).exportCommand(options)));

program.command('explain')
  .description('every value of an event: the article, sentence, span and rule it came from')
  .argument('<event-id>', 'an event id from the export (a unique prefix will do)')
  .option('--json', 'print the event and its evidence as JSON')
  .addOption(db())
  .addHelpText('after', example('datledger explain 3f2a9c'))
  .action((id: string, options) => run(async () => (await import('./commands/explain.js')).explainCommand(id, options)));

program.command('holdings')
  .description("a company's running balance from events, beside every stated holdings figure")
  .argument('<company>', 'name, alias, former name or ticker')
  .option('--asset <symbol>', 'only this asset (BTC, ETH, SOL, ...)')
  .option('--json', 'print the rows as JSON')
  .addOption(db())
  .addHelpText('after', example('datledger holdings Cango --asset BTC'))
  .action((company: string, options) => run(async () => (await import('./commands/holdings.js')).holdingsCommand(company, options)));

program.command('eval')
  .description('score extraction against gold folders: precision, recall, F1, per-field accuracy')
  .requiredOption('--gold <dir...>', 'gold folder(s): ../shared/gold layout or one folder per case')
  .option('--baseline <file>', 'fail (exit 1) when a score drops below the floors pinned in this file')
  .option('--write-baseline', 'pin the current scores as the floors')
  .option('--verbose', 'list every field error')
  .option('--json', 'print the scores as JSON')
  .addHelpText('after', example('datledger eval --gold ../shared/gold --gold test/gold --baseline test/gold/baseline.json'))
  .action((options) => run(async () => (await import('./commands/eval.js')).evalCommand(options)));

program.command('review')
  .description('settle open conflicts in the terminal, one at a time; or list, accept, set, reject, merge, split, undo and log decisions')
  .option('--list', 'list the open conflicts with their candidates and suggestions')
  .option('--json', 'with --list or --log: print JSON')
  .option('--filter <text>', 'with --list or interactively: only conflicts of a company (part of its name) or a field (e.g. quantity)')
  .option('--accept-suggested', 'accept the suggestion of every open conflict')
  .option('--min-confidence <x>', 'with --accept-suggested: only where the field confidence (see --list) is at least x, 0..1')
  .option('--set <event.field=value>', 'decide one field: EVENT_ID.FIELD=VALUE, EVENT_ID a unique prefix (repeatable); FIELD company, action or asset changes what the event is', (value: string, previous: string[] = []) => [...previous, value])
  .option('--reject <event>', 'the event is no transaction: it leaves the ledger (its reports stay stored)')
  .option('--merge <events>', 'two or more events, comma-separated, are one transaction')
  .option('--split <mentions>', 'reports (mention ids, comma-separated, of one event) are a transaction of their own')
  .option('--note <text>', 'with --set, --accept-suggested, --reject, --merge or --split: a note kept with the decision')
  .option('--undo [decision]', 'undo the last decision, or the one numbered (review --log)')
  .option('--log', 'print the decisions audit table')
  .option('--reviewer <name>', 'who decides, for the audit table (default $USER)')
  .addOption(db())
  .addHelpText('after', `
Interactive keys: 1-9 pick a candidate (p: 10th and later), a accept the suggestion, l accept it in all like this,
e enter a value, s skip, u undo, b back, j jump, f filter, n note, r reject, m merge, x split, c change, ? help, q quit.
Values: numbers (70000, 70,000, $17.5 million); dates YYYY-MM-DD, YYYY-MM, YYYY or a range A..B.
Without a terminal, plain \`review\` lists these scriptable forms and exits 2.
Every decision stays in force through re-ingest and re-reconcile until undone; a new report that
disagrees reopens the question with the decision still applied ("new evidence against your decision").
${example('datledger review --set 7b763f.unit_price_usd=70000 --note "per the 8-K"')}`)
  .action((options) => run(async () => (await import('./commands/review.js')).reviewCommand(options)));

program.command('stats')
  .description('what the database holds, and the inputs whose last ingest failed')
  .option('--json', 'print the counts and recent failures as JSON')
  .addOption(db())
  .addHelpText('after', example('datledger stats --db ledger.db'))
  .action((options) => run(async () => (await import('./commands/stats.js')).statsCommand(options)));

program.command('documents')
  .description('the stored documents and what each yielded; --quiet: those that yielded no transaction, and why')
  .option('--quiet', 'only documents that yielded no transaction, each with the reason')
  .option('--reason <code>', 'only quiet documents for this reason: no-action-word, no-figure-near-action, not-a-transaction, no-company')
  .option('--source <text>', 'only documents whose source contains this text')
  .option('--json', 'print JSON')
  .addOption(db())
  .addHelpText('after', example('datledger documents --quiet --db ledger.db'))
  .action((options) => run(async () => (await import('./commands/documents.js')).documentsCommand(options)));

program.command('forget')
  .description('remove stored documents (a page ingested by mistake) and their mentions, and reconcile again what they touched')
  .argument('<source-or-id...>', 'a source as stored (a URL, or a path in any spelling) or a document id as datledger documents shows it (12)')
  .addOption(db())
  .addHelpText('after', example('datledger forget saved-pages/wrong-page.html --db ledger.db'))
  .action((inputs: string[], options) => run(async () => (await import('./commands/forget.js')).forgetCommand(inputs, options)));

program.command('companies')
  .description('companies the ledger names that the lexicon does not know: mentions and an example sentence, most mentioned first')
  .option('--all', 'list the companies the lexicon knows too')
  .option('--json', 'print JSON')
  .addOption(db())
  .addHelpText('after', `
Add a company listed here to companies.yaml in a rules folder of your own and pass --rules DIR
(or set DATLEDGER_RULES) to ingest, paste and this command; see README "Your own rules".
${example('datledger companies --db ledger.db --json')}`)
  .action((options) => run(async () => (await import('./commands/companies.js')).companiesCommand(options)));

program.command('run-samples')
  .description('the main job on the sample data (npm start): data/samples into data/out/samples.db and data/out/events.csv')
  .option('--samples <dir>', 'folder of articles', 'data/samples')
  .option('--out <dir>', 'output folder', 'data/out')
  .addHelpText('after', example('npm start'))
  .action((options) => run(async () => (await import('./commands/runSamples.js')).runSamplesCommand(options)));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? 0 : 2;
  } else {
    process.stderr.write(`datledger: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
}
