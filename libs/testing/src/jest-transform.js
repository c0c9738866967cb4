'use strict';
/**
 * Jest transformer for a CommonJS project whose dependencies are partly ESM-only (NestJS 12).
 * Node 20 loads them through require(esm), but Jest's module system cannot (it needs Node 24.9+),
 * so this compiles, with SWC:
 *  - the project's TypeScript (decorators with metadata, as tsc emits them);
 *  - ESM files under node_modules, to CommonJS (`import.meta.url` becomes the file's URL);
 *  - dynamic `import()` in CommonJS files under node_modules, to `require` with ESM interop.
 * Other files pass through untouched. See docs/decisions/0001-commonjs-build-with-esm-only-nest.md.
 */
const swc = require('@swc/core');
const { createHash } = require('node:crypto');

const ESM_SYNTAX = /^\s*(?:import\s*[\w{*'"]|export\s)/m;
const DYNAMIC_IMPORT = /\bimport\(/g;
const CJS_IMPORT_SHIM =
  'const __cjsImport = (m) => Promise.resolve().then(() => { const x = require(m); ' +
  'return x && x.__esModule ? x : Object.assign({}, x, { default: x }); });';
const VERSION = '3';

function compile(src, filename, isTs) {
  const code = src.replace(/import\.meta\.url/g, '("file://" + __filename)');
  const out = swc.transformSync(code, {
    filename,
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2022',
      parser: isTs ? { syntax: 'typescript', decorators: true } : { syntax: 'ecmascript' },
      transform: isTs ? { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false } : {},
      keepClassNames: true,
    },
  });
  return { code: out.code, map: out.map };
}

module.exports = {
  getCacheKey(src, filename) {
    return createHash('sha1').update(VERSION).update(filename).update('\0').update(src).digest('hex');
  },
  process(src, filename) {
    const isTs = /\.[cm]?ts$/.test(filename) && !filename.endsWith('.d.ts');
    if (isTs) return compile(src, filename, true);
    if (!filename.includes('/node_modules/')) return { code: src };
    if (ESM_SYNTAX.test(src)) return compile(src, filename, false);
    if (src.includes('import(')) return { code: CJS_IMPORT_SHIM + src.replace(DYNAMIC_IMPORT, '__cjsImport(') };
    return { code: src };
  },
};
