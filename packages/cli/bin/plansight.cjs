#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const built = path.join(__dirname, '..', 'dist', 'cli.cjs');
if (!fs.existsSync(built)) {
  process.stderr.write('plansight: the CLI is not built yet; run `npm run build` in the Plansight checkout\n');
  process.exit(2);
}
require(built)
  .run(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
