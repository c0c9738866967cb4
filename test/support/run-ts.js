'use strict';
/**
 * Runs a TypeScript entry of the project in a plain Node.js process, compiled on the fly with SWC
 * (as jest does, libs/testing/src/jest-transform.js) and with the `@enlace/*` paths of tsconfig.json:
 * `node test/support/run-ts.js apps/worker/src/main.ts`. End-to-end tests use it to start, and kill,
 * a real worker process without waiting for a whole `npm run build` (and whatever else the tree
 * holds at the time). ESM-only dependencies load through Node's own require(esm).
 */
const Module = require('node:module');
const path = require('node:path');
const fs = require('node:fs');
const swc = require('@swc/core');

const root = path.resolve(__dirname, '../..');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === '@enlace/migrations') request = path.join(root, 'migrations');
  else {
    const m = /^@enlace\/([a-z-]+)$/.exec(request);
    if (m) request = path.join(root, 'libs', m[1], 'src');
  }
  return resolveFilename.call(this, request, parent, ...rest);
};

require.extensions['.ts'] = function (module, filename) {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
  });
  module._compile(code, filename);
};

const entry = process.argv[2];
if (!entry) {
  process.stderr.write('usage: node test/support/run-ts.js <entry.ts>\n');
  process.exit(2);
}
process.argv.splice(1, 1); // the entry sees itself as argv[1], as under `node dist/...`
require(path.resolve(root, entry));
