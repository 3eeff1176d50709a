// Bundles the offline validation page (`bctd page`, issue 8) at build time, so that esbuild
// stays a devDependency: `bctd page` only reads dist/page/ and inlines it into one HTML file.
//
//   node scripts/build-page.js      (chained after tsc in `npm run build`)
//
// Output in dist/page/: validator.js (the page's script, with the worker's code inside as a
// string, started from a Blob URL because a file:// page cannot load a worker file),
// style.css and template.html. The bundle is built for the browser with no Node shims: a Node
// import anywhere in the graph of src/validate, src/workbook, src/text, src/outline or
// src/issues fails the build, as it must (those stages run in the browser).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist', 'page');

// Browsers of Windows office PCs kept up to date (Chrome, Edge, Cốc Cốc, Firefox).
const target = ['chrome90', 'edge90', 'firefox90'];

const common = {
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target,
  minify: true,
  legalComments: 'none',
  charset: 'utf8',
  write: false,
  logLevel: 'silent',
};

/** Fails loudly on a Node import (esbuild's "could not resolve" for node:* or fs). */
async function bundle(options) {
  try {
    return await esbuild.build({ ...common, ...options });
  } catch (e) {
    const errors = e.errors ?? [];
    for (const err of errors) {
      const where = err.location ? `${err.location.file}:${err.location.line}: ` : '';
      process.stderr.write(`build-page: ${where}${err.text}\n`);
    }
    if (errors.length === 0) process.stderr.write(`build-page: ${e.message}\n`);
    process.exit(1);
  }
}

/**
 * The page inlines this text inside <script>: `</script` or `<!--` would end or confuse the
 * element. esbuild escapes them in string literals; anything left is a bug to see at build time.
 */
function assertInlineSafe(name, text) {
  if (/<\/script/i.test(text) || text.includes('<!--')) {
    process.stderr.write(`build-page: ${name} contains "</script" or "<!--"; cannot be inlined\n`);
    process.exit(1);
  }
}

const worker = await bundle({ entryPoints: [path.join(root, 'page', 'worker.ts')] });
const workerSource = worker.outputFiles[0].text;
assertInlineSafe('worker', workerSource);

const annotate = await bundle({ entryPoints: [path.join(root, 'page', 'annotate-worker.ts')] });
const annotateSource = annotate.outputFiles[0].text;
assertInlineSafe('annotate worker', annotateSource);

const sources = { 'bctd:worker-source': workerSource, 'bctd:annotate-source': annotateSource };
const main = await bundle({
  entryPoints: [path.join(root, 'page', 'main.ts')],
  plugins: [
    {
      name: 'worker-source',
      setup(build) {
        build.onResolve({ filter: /^bctd:(worker|annotate)-source$/ }, (a) => ({
          path: a.path,
          namespace: 'bctd',
        }));
        build.onLoad({ filter: /.*/, namespace: 'bctd' }, (a) => ({
          contents: `export default ${JSON.stringify(sources[a.path])};`,
          loader: 'js',
        }));
      },
    },
  ],
});
const script = main.outputFiles[0].text;
assertInlineSafe('validator', script);

mkdirSync(out, { recursive: true });
// Each file replaced in one step: a `bctd page` running meanwhile (tests run in parallel) reads
// either the old bundle or the new one, never half of one.
const put = (name, text) => {
  const tmp = path.join(out, `.${name}.${process.pid}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, path.join(out, name));
};
put('validator.js', script);
put('worker.js', workerSource);
put('style.css', readFileSync(path.join(root, 'page', 'style.css'), 'utf8'));
put('template.html', readFileSync(path.join(root, 'page', 'template.html'), 'utf8'));
process.stdout.write(
  `build-page: dist/page/validator.js ${Math.round(script.length / 1024)} KB (worker ${Math.round(workerSource.length / 1024)} KB)\n`,
);
