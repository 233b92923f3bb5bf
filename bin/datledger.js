#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm install` (the prepare script).
import('../dist/cli/main.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli/main.js')) {
    console.error('datledger: not built yet. Run `npm install` (or `npm run build`) in the checkout first.');
    process.exit(2);
  }
  throw error;
});
