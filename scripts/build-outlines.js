// Snapshots the built-in outlines at build time (chained after tsc in `npm run build`):
// dist/outlines/<id>.json holds the outline exactly as the loader returns it, with the sha256
// of the YAML it came from. At run time a built-in outline whose YAML still has that hash is
// read from the snapshot: no YAML parsing, schema check, rule check or template compilation
// on every start (about 150 ms of a one-file `bctd validate`; docs/BENCHMARKS.md). An edited
// YAML no longer matches its hash and is parsed and checked as before.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatOutlineError, parseOutline } from '../dist/outline/load.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'outlines');
const out = path.join(root, 'dist', 'outlines');
mkdirSync(out, { recursive: true });
for (const name of readdirSync(src).filter((f) => f.endsWith('.yaml'))) {
  const text = readFileSync(path.join(src, name), 'utf8');
  const r = parseOutline(text, path.join('outlines', name));
  if (!r.ok) {
    for (const e of r.errors) process.stderr.write(`build-outlines: ${formatOutlineError(e)}\n`);
    process.exit(1);
  }
  const sha256 = createHash('sha256').update(text).digest('hex');
  writeFileSync(
    path.join(out, name.replace(/\.yaml$/, '.json')),
    JSON.stringify({ sha256, outline: r.outline }),
  );
}
