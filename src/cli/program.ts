import { Command, CommanderError, Option } from 'commander';
import { resolve } from 'node:path';
import { EXIT, runCommand, UsageError } from './common.js';
import { processIo, type CliIo } from './io.js';

const db = () => new Option('--db <file>', 'SQLite database (default $DATLEDGER_DB or ./datledger.db)');
const example = (text: string) => `\nExample:\n  ${text}\n`;

/**
 * The command line: parse arguments, call the library, print. Heavy modules (compromise, cheerio,
 * SQLite) load inside the commands that use them, so --help answers at once.
 */
export function buildProgram(io: CliIo, finished: (code: number) => void): Command {
  /** Runs a command's action and hands its exit code to the caller. */
  const run = async (action: () => Promise<number> | number) => finished(await runCommand(action, io));
  const program = new Command('datledger')
    .description('Turns news about corporate crypto-treasury moves into a clean, reconciled, traceable ledger.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .showHelpAfterError('(datledger --help lists the commands)')
    .addHelpText(
      'after',
      `
Examples:
  datledger ingest saved-pages/ --db ledger.db
  datledger export --level events --out events.csv
  datledger explain 3f2a9c0d1b7e
  datledger --rules my-rules ingest saved-pages/   # my-rules/companies.yaml beside the project's rules/

Database: --db FILE, else $DATLEDGER_DB, else ./datledger.db.
Rules: the project's rules/, plus --rules DIR (else $DATLEDGER_RULES): a folder with a companies.yaml of your own.
Exit codes: 0 ok, 1 some inputs failed (the rest is kept), 2 usage error.`,
    )
    .option(
      '--rules <dir>',
      "a rules folder of your own (companies.yaml), read beside the project's rules/ (default $DATLEDGER_RULES)",
    )
    // --rules sets DATLEDGER_RULES, so every rulebook built from here on (worker threads too: they inherit
    // the environment) reads it.
    .hook('preAction', async () => {
      const { USER_RULES_ENV, userRulesDir, userRulesProblem } = await import('../rulebook/userRules.js');
      const given = program.opts<{ rules?: string }>().rules;
      if (given !== undefined) process.env[USER_RULES_ENV] = resolve(given);
      const dir = userRulesDir();
      const problem = dir === null ? null : userRulesProblem(dir);
      if (problem) {
        io.stderr.write(`datledger: ${dir}: ${problem}\n`);
        throw new CommanderError(EXIT.usage, 'datledger.rules', problem);
      }
    });

  program
    .command('ingest')
    .description('ingest article files, folders (recursively; .txt .md .html .htm) and URLs')
    .argument('[inputs...]', 'files, folders or http(s) URLs')
    .option('--urls <file>', 'a file with one URL a line (# comments and blank lines allowed)')
    .option(
      '--published <date>',
      'publication date YYYY-MM-DD for the pages that show none of their own ' +
        "(a page's NAME.meta.json sidecar beats both)",
    )
    .option('--max-bytes <n>', 'skip files and pages larger than this (default 20 MB files, 5 MB pages)')
    .option('--concurrency <n>', 'URLs fetched at once (default 8; at most 2 per host)')
    .option('--ignore-robots', 'fetch URLs that robots.txt disallows')
    .option('--timings', 'print time per stage, CPU time and peak memory to standard error (also DATLEDGER_TIMINGS=1)')
    .addOption(db())
    .addHelpText(
      'after',
      `
Publication dates, strongest first: a sidecar beside a saved page (NAME.meta.json for NAME.html,
holding {"published": "2026-02-09"}); the date the page shows (JSON-LD, meta, <time>, URL, dateline,
label, byline); --published, for pages that show none; else none. A file's modification time is never
a publication date. Correct a stored page's date with: datledger set-published SOURCE DATE
${example(
  'datledger ingest data/samples https://example.com/news/cango-sells-btc --db ledger.db\n' +
    '  datledger ingest saved-2026-02-09/ --published 2026-02-09',
)}`,
    )
    .action((inputs: string[], options) =>
      run(async () => (await import('./commands/ingest.js')).ingestCommand(inputs, options, io)),
    );

  program
    .command('paste')
    .description('ingest one article pasted on standard input (end with Ctrl-D)')
    .option(
      '--published <date>',
      'publication date, YYYY-MM-DD, a real day (relative dates are read against it; beats a date the page shows)',
    )
    .option('--source <name>', 'name to record as the source (default "stdin")')
    .option('--format <format>', 'text or html (default: detected)')
    .addOption(db())
    .addHelpText('after', example('pbpaste | datledger paste --published 2026-02-09 --source "Newswire, Feb 9"'))
    .action((options) => run(async () => (await import('./commands/paste.js')).pasteCommand(options, io)));

  program
    .command('set-published')
    .description(
      'set or correct the publication date of a stored page: ' +
        "its mentions' dates are read again against it and its events reconciled again",
    )
    .argument(
      '<document>',
      'a source as stored (a URL, or a path in any spelling), a document id as datledger documents shows it (12), ' +
        'or the start of a mention key (export --level mentions)',
    )
    .argument(
      '<date>',
      'the publication date, YYYY-MM-DD; or "page" to go back to the date the page itself shows (or none)',
    )
    .addOption(db())
    .addHelpText(
      'after',
      `
The date is stored with its source (set-published), shown by explain, and beats any date found on
the page, a sidecar and --published, also when the page is ingested again. Review decisions stay in force.
${example(
  'datledger set-published saved/cango-sale.txt 2026-02-09 --db ledger.db\n' +
    '  datledger set-published saved/cango-sale.txt page',
)}`,
    )
    .action((document: string, date: string, options) =>
      run(async () => (await import('./commands/setPublished.js')).setPublishedCommand(document, date, options, io)),
    );

  program
    .command('export')
    .description('write the ledger as CSV (RFC 4180) to stdout or a file')
    .option('--level <level>', 'events or mentions', 'events')
    .option('--out <file>', 'write to this file instead of stdout')
    .addOption(db())
    .addHelpText('after', example('datledger export --level mentions --out mentions.csv'))
    .action((options) => run(async () => (await import('./commands/export.js')).exportCommand(options, io)));

  program
    .command('explain')
    .description('every value of an event: the article, sentence, span and rule it came from')
    .argument('<event-id>', 'an event id from the export (a unique prefix will do)')
    .option('--json', 'print the event and its evidence as JSON')
    .addOption(db())
    .addHelpText('after', example('datledger explain 3f2a9c'))
    .action((id: string, options) =>
      run(async () => (await import('./commands/explain.js')).explainCommand(id, options, io)),
    );

  program
    .command('holdings')
    .description("a company's running balance from events, beside every stated holdings figure")
    .argument('<company>', 'name, alias, former name or ticker')
    .option('--asset <symbol>', 'only this asset (BTC, ETH, SOL, ...)')
    .option('--json', 'print the rows as JSON')
    .addOption(db())
    .addHelpText('after', example('datledger holdings Cango --asset BTC'))
    .action((company: string, options) =>
      run(async () => (await import('./commands/holdings.js')).holdingsCommand(company, options, io)),
    );

  program
    .command('eval')
    .description('score extraction against gold folders: precision, recall, F1, per-field accuracy')
    .requiredOption('--gold <dir...>', 'gold folder(s): ../shared/gold layout or one folder per case')
    .option('--baseline <file>', 'fail (exit 1) when a score drops below the floors pinned in this file')
    .option('--write-baseline', 'pin the current scores as the floors')
    .option('--verbose', 'list every field error')
    .option('--json', 'print the scores as JSON')
    .addHelpText(
      'after',
      example('datledger eval --gold ../shared/gold --gold test/gold --baseline test/gold/baseline.json'),
    )
    .action((options) => run(async () => (await import('./commands/eval.js')).evalCommand(options, io)));

  const reviewCommands = () => import('./commands/review.js');
  /**
   * An older flag of `review`, kept working for scripts and tools (the subcommand of the same name is the
   * plain way).
   */
  const alias = (flags: string, description: string) => new Option(flags, description).hideHelp();
  const note = () => new Option('--note <text>', 'a note kept with the decision, shown by review log');
  const reviewer = () => new Option('--reviewer <name>', 'who decides, for the audit table (default $USER)');
  /**
   * A review subcommand's options. Options after the subcommand reach `review` first (commander
   * parses the program's and its commands' options wherever they stand), so they are taken from
   * both; one the subcommand does not have is a usage error, as it would be on its own.
   */
  const optionsOf = (command: Command) => {
    const own = new Set(command.options.map((option) => option.attributeName()));
    const stray = review.options.find(
      (option) => review.getOptionValue(option.attributeName()) !== undefined && !own.has(option.attributeName()),
    );
    if (stray)
      throw new UsageError(
        `${stray.long} does not go with review ${command.name()} (see datledger review ${command.name()} --help)`,
      );
    return { ...review.opts(), ...command.opts() };
  };
  const review = program
    .command('review')
    .description(
      'settle open conflicts in the terminal, one at a time; ' +
        'or list, accept, set, reject, merge, split, undo and log decisions',
    )
    .option('--filter <text>', 'only conflicts of a company (part of its name) or a field (e.g. quantity)')
    .addOption(alias('--list', 'review list'))
    .addOption(alias('--json', 'with --list or --log'))
    .addOption(alias('--accept-suggested', 'review accept'))
    .addOption(alias('--min-confidence <x>', 'with --accept-suggested'))
    .addOption(
      alias('--set <event.field=value>', 'review set').argParser((value: string, previous: string[] = []) => [
        ...previous,
        value,
      ]),
    )
    .addOption(alias('--reject <event>', 'review reject'))
    .addOption(alias('--merge <events>', 'review merge'))
    .addOption(alias('--split <mentions>', 'review split'))
    .addOption(alias('--note <text>', 'with --set, --accept-suggested, --reject, --merge or --split'))
    .addOption(alias('--undo [decision]', 'review undo'))
    .addOption(alias('--log', 'review log'))
    .addOption(reviewer())
    .addOption(db())
    .addHelpText(
      'after',
      `
Interactive keys: 1-9 pick a candidate (p: 10th and later), a accept the suggestion, l accept it in all like this,
e enter a value, s skip, u undo, b back, j jump, f filter, n note, r reject, m merge, x split, c change, ? help, q quit.
Values: numbers (70000, 70,000, $17.5 million); dates YYYY-MM-DD, YYYY-MM, YYYY or a range A..B.
Without a terminal, plain \`review\` lists the subcommands and exits 2. The older flag forms still work:
--list, --log, --set, --undo, --accept-suggested, --reject, --merge and --split, one at a time.
Every decision stays in force through re-ingest and re-reconcile until undone; a new report that
disagrees reopens the question with the decision still applied ("new evidence against your decision").
${example(
  'datledger review --db ledger.db                 # interactively\n' +
    '  datledger review set 7b763f.unit_price_usd=70000 --note "per the 8-K"',
)}`,
    )
    .action((options) => run(async () => (await reviewCommands()).reviewCommand(options, io)));

  review
    .command('list')
    .description('the open conflicts with their candidates and suggestions')
    .option('--filter <text>', 'only conflicts of a company (part of its name) or a field (e.g. quantity)')
    .option('--json', 'print JSON')
    .addOption(db())
    .addHelpText('after', example('datledger review list --filter Riot --json'))
    .action((_options, command: Command) =>
      run(async () => (await reviewCommands()).reviewList(optionsOf(command), io)),
    );

  review
    .command('accept')
    .description('accept the suggestion of every open conflict')
    .option('--min-confidence <x>', 'only where the field confidence (see review list) is at least x, 0..1')
    .addOption(note())
    .addOption(reviewer())
    .addOption(db())
    .addHelpText('after', example('datledger review accept --min-confidence 0.8'))
    .action((_options, command: Command) =>
      run(async () => (await reviewCommands()).reviewAccept(optionsOf(command), io)),
    );

  // Subcommands that decide on what their argument names: each takes a note, a reviewer and the database.
  const deciding = [
    [
      'set',
      '<event.field=value...>',
      'one or more assignments; all are checked before the first is saved',
      'decide fields: EVENT_ID.FIELD=VALUE, EVENT_ID a unique prefix; ' +
        'FIELD company, action or asset changes what the event is',
      'datledger review set 7b763f.unit_price_usd=70000 7b763f.date=2026-03-03 --note "per the 8-K"',
      'reviewSet',
    ],
    [
      'reject',
      '<event>',
      'an event id (a unique prefix will do)',
      'the event is no transaction: it leaves the ledger (its reports stay stored)',
      'datledger review reject 3f2a9c --note "a plan, not a purchase"',
      'reviewReject',
    ],
    [
      'merge',
      '<events...>',
      'event ids (unique prefixes will do), as separate words or comma-separated',
      'two or more events are one transaction',
      'datledger review merge 3f2a9c 81b0d4',
      'reviewMerge',
    ],
    [
      'split',
      '<mentions...>',
      'mention ids (export --level mentions), as separate words or comma-separated',
      'reports of one event are a transaction of their own',
      'datledger review split 534bfe107c6010ed:0',
      'reviewSplit',
    ],
  ] as const;
  for (const [name, argument, argumentHelp, description, sample, handler] of deciding) {
    review
      .command(name)
      .description(description)
      .argument(argument, argumentHelp)
      .addOption(note())
      .addOption(reviewer())
      .addOption(db())
      .addHelpText('after', example(sample))
      // The handler takes the argument as commander gives it: a list for `...`, else one word.
      .action((given: string & string[], _options, command: Command) =>
        run(async () => (await reviewCommands())[handler](given, optionsOf(command), io)),
      );
  }

  review
    .command('undo')
    .description('undo the last decision, or the one numbered (review log)')
    .argument('[decision]', 'a decision number, as review log shows it')
    .addOption(reviewer())
    .addOption(db())
    .addHelpText('after', example('datledger review undo 12'))
    .action((decision: string | undefined, _options, command: Command) =>
      run(async () => (await reviewCommands()).reviewUndo(decision, optionsOf(command), io)),
    );

  review
    .command('log')
    .description('the decisions audit table, undone decisions kept and marked')
    .option('--json', 'print JSON')
    .addOption(db())
    .addHelpText('after', example('datledger review log --json'))
    .action((_options, command: Command) =>
      run(async () => (await reviewCommands()).reviewLog(optionsOf(command), io)),
    );

  program
    .command('stats')
    .description('what the database holds, and the inputs whose last ingest failed')
    .option('--json', 'print the counts and recent failures as JSON')
    .addOption(db())
    .addHelpText('after', example('datledger stats --db ledger.db'))
    .action((options) => run(async () => (await import('./commands/stats.js')).statsCommand(options, io)));

  program
    .command('documents')
    .description('the stored documents and what each yielded; --quiet: those that yielded no transaction, and why')
    .option('--quiet', 'only documents that yielded no transaction, each with the reason')
    .option(
      '--reason <code>',
      'only quiet documents for this reason: no-action-word, no-figure-near-action, not-a-transaction, no-company',
    )
    .option('--source <text>', 'only documents whose source contains this text')
    .option('--json', 'print JSON')
    .addOption(db())
    .addHelpText('after', example('datledger documents --quiet --db ledger.db'))
    .action((options) => run(async () => (await import('./commands/documents.js')).documentsCommand(options, io)));

  program
    .command('forget')
    .description(
      'remove stored documents (a page ingested by mistake) and their mentions, and reconcile again what they touched',
    )
    .argument(
      '<source-or-id...>',
      'a source as stored (a URL, or a path in any spelling) or a document id as datledger documents shows it (12)',
    )
    .addOption(db())
    .addHelpText('after', example('datledger forget saved-pages/wrong-page.html --db ledger.db'))
    .action((inputs: string[], options) =>
      run(async () => (await import('./commands/forget.js')).forgetCommand(inputs, options, io)),
    );

  program
    .command('companies')
    .description(
      'companies the ledger names that the lexicon does not know: ' +
        'mentions and an example sentence, most mentioned first',
    )
    .option('--all', 'list the companies the lexicon knows too')
    .option('--json', 'print JSON')
    .addOption(db())
    .addHelpText(
      'after',
      `
Add a company listed here to companies.yaml in a rules folder of your own and pass --rules DIR
(or set DATLEDGER_RULES) to ingest, paste and this command; see README "Your own rules".
${example('datledger companies --db ledger.db --json')}`,
    )
    .action((options) => run(async () => (await import('./commands/companies.js')).companiesCommand(options, io)));

  program
    .command('run-samples')
    .description(
      'the main job on the sample data (npm start): data/samples into data/out/samples.db and data/out/events.csv',
    )
    .option('--samples <dir>', 'folder of articles', 'data/samples')
    .option('--out <dir>', 'output folder', 'data/out')
    .addHelpText('after', example('npm start'))
    .action((options) => run(async () => (await import('./commands/runSamples.js')).runSamplesCommand(options, io)));

  return program;
}

/**
 * Runs the command line on `argv` (the words after `datledger`) and returns the exit code; nothing
 * here calls process.exit, so tests run it in-process with captured streams.
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (finished) => (code = finished));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0
        ? EXIT.ok
        : EXIT.usage;
    }
    io.stderr.write(`datledger: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT.someInputsFailed;
  }
}
