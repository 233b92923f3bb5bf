import { main } from './program.js';

// `datledger export | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/** The `datledger` executable (bin/datledger.js): the command line of program.ts on this process. */
process.exitCode = await main(process.argv.slice(2));
