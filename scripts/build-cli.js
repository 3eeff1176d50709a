// Bundles the command-line program at build time (chained after tsc in `npm run build`), so that
// a start of `bctd` reads a few files instead of several hundred modules and, through a V8 code
// cache, compiles almost nothing (issue 6; docs/BENCHMARKS.md). esbuild stays a devDependency:
// the package ships the bundle, not the bundler.
//
//   node scripts/build-cli.js      (after tsc, which type-checks and writes dist/)
//
// Input is tsc's output (dist/cli/main.js and the worker dist/app/validate-worker.js), so the
// bundle runs exactly the type-checked code. Output in dist/bundle/:
//
// - main.cjs: the program and the libraries every command may need (commander, zod, js-yaml,
//   fflate, saxes) as one CommonJS file. CommonJS, not an ES module, because only a classic
//   script can be given V8's code cache on Node 20 (`vm.Script` `cachedData`; Node 22's
//   module.enableCompileCache() does this for both): bin/bctd.js loads it that way (bin/load-cached.cjs).
// - main.cache: that code cache, made here by training runs (`validate` of the demo), so it
//   holds the functions a run compiles, not only the top level. A new one is made when V8
//   rejects it (another Node version, other V8 flags) and the folder is writable
//   (bin/load-cached.cjs).
// - vendor-<name>.cjs: exceljs, docx, yaml and handlebars, each bundled on its own and required
//   only by the code that uses it, so `--help`, `--version` and `validate` load none of them.
// - worker.cjs and worker.cache: the worker of `--jobs`, the same way, started by the small
//   validate-worker.cjs (src/app/pool.ts finds it beside main.cjs); a worker saves a missing or
//   rejected cache after its first file (src/app/validate-worker.ts).
// - meta.json: which source modules went into which output file (the start-up test reads it).
//
// The bundle sits in dist/bundle/ because packageRoot() is found relative to the running file
// (`../..` is the package root, as for dist/app/).
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist', 'bundle');
const tmp = path.join(root, 'dist', `.bundle.${process.pid}.tmp`);

/** Libraries only some commands need, each in its own file beside main.cjs. */
const VENDOR = ['exceljs', 'docx', 'yaml', 'handlebars'];

/** `require('exceljs')` in the bundle becomes `require('./vendor-exceljs.cjs')`. */
const vendorPlugin = {
  name: 'bctd-vendor',
  setup(build) {
    const filter = new RegExp(`^(${VENDOR.join('|')})$`);
    build.onResolve({ filter }, (args) => ({ path: `./vendor-${args.path}.cjs`, external: true }));
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outdir: tmp,
  outExtension: { '.js': '.cjs' },
  metafile: true,
  // ASCII (the default: other characters as \u escapes): bin/load-cached.cjs reads it as Latin-1,
  // a plain copy into a one-byte string, where UTF-8 decoding of the Vietnamese messages took
  // ~6 ms at every start.
  charset: 'ascii',
  logLevel: 'silent',
};

function fail(e) {
  for (const err of e.errors ?? []) {
    const where = err.location ? `${err.location.file}:${err.location.line}: ` : '';
    process.stderr.write(`build-cli: ${where}${err.text}\n`);
  }
  if ((e.errors ?? []).length === 0) process.stderr.write(`build-cli: ${e.message}\n`);
  rmSync(tmp, { recursive: true, force: true });
  process.exit(1);
}

const results = [];
try {
  results.push(
    await esbuild.build({
      ...common,
      entryPoints: {
        main: path.join(root, 'dist', 'cli', 'main.js'),
        worker: path.join(root, 'dist', 'app', 'validate-worker.js'),
      },
      plugins: [vendorPlugin],
      // The modules find the package and the worker from their own URL: in the bundle, the
      // bundle file's.
      define: { 'import.meta.url': '__bctdModuleUrl' },
      banner: {
        js: "const __bctdModuleUrl = require('node:url').pathToFileURL(__filename).href;",
      },
    }),
  );
  for (const name of VENDOR) {
    results.push(
      await esbuild.build({
        ...common,
        stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: root },
        outdir: undefined,
        outfile: path.join(tmp, `vendor-${name}.cjs`),
      }),
    );
  }
} catch (e) {
  fail(e);
}

// esbuild's ASCII output still has other characters in comments and regular expressions;
// bin/load-cached.cjs reads main.cjs and worker.cjs as Latin-1, so every one of them becomes a \u escape (a pair
// for one beyond U+FFFF), which means the same in a comment, a string, a pattern or a name.
for (const name of ['main.cjs', 'worker.cjs']) {
  const file = path.join(tmp, name);
  const text = readFileSync(file, 'utf8').replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  writeFileSync(file, text);
}
writeFileSync(
  path.join(tmp, 'validate-worker.cjs'),
  `'use strict';
// The worker of \`--jobs\` (src/app/pool.ts): worker.cjs run with its code cache, which the
// worker saves after its first file if it was missing or rejected (src/app/validate-worker.ts).
const path = require('node:path');
const { runCached } = require('../../bin/load-cached.cjs');
const { save } = runCached(path.join(__dirname, 'worker.cjs'), path.join(__dirname, 'worker.cache'));
globalThis[Symbol.for('bctd.saveCodeCache')] = save;
`,
);

// Which source modules each output holds, by path relative to the package root.
const meta = {};
for (const result of results) {
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    if (!file.endsWith('.cjs')) continue;
    meta[path.basename(file)] = Object.keys(output.inputs)
      .filter((i) => !i.startsWith('<stdin>'))
      .map((i) => path.relative(root, path.resolve(process.cwd(), i)).split(path.sep).join('/'));
  }
}
writeFileSync(path.join(tmp, 'meta.json'), JSON.stringify(meta, null, 1));

// The old bundle goes, the new one takes its place in one rename.
rmSync(out, { recursive: true, force: true });
renameSync(tmp, out);

// The training runs that write main.cache (one file, in process) and worker.cache (the demo's
// folder on two workers). A failure leaves no cache, which only makes starts slower: say so,
// do not fail the build.
const demo = path.join(root, 'fixtures', 'demo');
const period = path.join(demo, 'nop', '2022-6m');
let trained = false;
try {
  const file = readdirSync(period).find((f) => f.endsWith('.xlsx'));
  if (file !== undefined) {
    for (const args of [
      ['validate', path.join(period, file)],
      ['validate', period, '--jobs', '2'],
    ]) {
      spawnSync(process.execPath, [path.join(root, 'bin', 'bctd.js'), ...args], {
        cwd: demo,
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '' },
        timeout: 120_000,
      });
    }
    const made = readdirSync(out);
    trained = made.includes('main.cache') && made.includes('worker.cache');
  }
} catch {
  trained = false;
}
const size = results
  .flatMap((r) => Object.values(r.metafile.outputs))
  .reduce((n, o) => n + o.bytes, 0);
process.stdout.write(
  `build-cli: dist/bundle/ ${Object.keys(meta).length} files, ${Math.round(size / 1024)} KB` +
    (trained ? ', code cache written\n' : ', no code cache (a training run failed)\n'),
);
