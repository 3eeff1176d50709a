// Bundles the command-line program at build time (chained after tsc in `npm run build`), so that
// a start of `bctd` reads a handful of files instead of several hundred modules (issue 6: the
// ESM loader's resolving, reading and linking of ~400 files was about 150 ms of a one-file
// `bctd validate`; docs/BENCHMARKS.md). esbuild stays a devDependency: the package ships the
// bundle, not the bundler.
//
//   node scripts/build-cli.js      (after tsc, which type-checks and writes dist/)
//
// Input is tsc's output (dist/cli/main.js and the worker dist/app/validate-worker.js), so the
// bundle runs exactly the type-checked code. Output in dist/bundle/: main.js and
// validate-worker.js (the entries, loaded by bin/bctd.js and by the worker pool), chunk-*.js
// (code shared between commands: `--splitting` keeps every command's heavy libraries behind
// its own dynamic import, so `bctd --version` still loads neither exceljs nor docx), and
// meta.json (which source modules went into which output file; the start-up test reads it).
// The chunks sit directly in dist/bundle/ because packageRoot() and the worker URL are found
// relative to the module that runs (`../..` is the package root, as for dist/app/).
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist', 'bundle');
const tmp = path.join(root, 'dist', `.bundle.${process.pid}.tmp`);

let result;
try {
  result = await esbuild.build({
    entryPoints: {
      main: path.join(root, 'dist', 'cli', 'main.js'),
      'validate-worker': path.join(root, 'dist', 'app', 'validate-worker.js'),
    },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: tmp,
    chunkNames: 'chunk-[hash]',
    metafile: true,
    charset: 'utf8',
    logLevel: 'silent',
    // exceljs, handlebars and other CommonJS dependencies call require() for Node built-ins;
    // an ES module has no require, so each output file gets one.
    banner: {
      js: "import { createRequire as __bctdCreateRequire } from 'node:module'; const require = __bctdCreateRequire(import.meta.url);",
    },
  });
} catch (e) {
  for (const err of e.errors ?? []) {
    const where = err.location ? `${err.location.file}:${err.location.line}: ` : '';
    process.stderr.write(`build-cli: ${where}${err.text}\n`);
  }
  if ((e.errors ?? []).length === 0) process.stderr.write(`build-cli: ${e.message}\n`);
  rmSync(tmp, { recursive: true, force: true });
  process.exit(1);
}

// Which source modules each output holds, by path relative to the package root.
const meta = {};
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  if (!file.endsWith('.js')) continue;
  meta[path.basename(file)] = Object.keys(output.inputs).map((i) =>
    path.relative(root, path.resolve(process.cwd(), i)).split(path.sep).join('/'),
  );
}
mkdirSync(tmp, { recursive: true });
writeFileSync(path.join(tmp, 'meta.json'), JSON.stringify(meta, null, 1));

// The old bundle goes, the new one takes its place in one rename.
rmSync(out, { recursive: true, force: true });
renameSync(tmp, out);
const size = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
process.stdout.write(
  `build-cli: dist/bundle/ ${Object.keys(meta).length} files, ${Math.round(size / 1024)} KB\n`,
);
