#!/usr/bin/env node
// Starts the bundle made by scripts/build-cli.js (`npm run build`) with V8's code cache: the
// program is one CommonJS file compiled as a classic script with the cached code of a previous
// run, so a start neither parses nor compiles what that run compiled (on Node 20 only a
// `vm.Script` takes a code cache; Node 22 has module.enableCompileCache() for this).
//
// V8 checks the cache against the source and its own version and flags, and rejects one that
// does not match (the program then compiles as usual). A missing or rejected cache is written
// again at the end of the run, if the folder is writable; never a partial file (written beside,
// then renamed). The bundle is ASCII (scripts/build-cli.js), so reading it as Latin-1 is exact.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'bundle');
const file = path.join(dir, 'main.cjs');
const cacheFile = path.join(dir, 'main.cache');

let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new Script(Module.wrap(readFileSync(file, 'latin1')), {
  filename: file,
  cachedData,
});
const module = { exports: {} };
script
  .runInThisContext()
  .call(module.exports, module.exports, createRequire(file), module, file, dir);

function saveCache() {
  if (cachedData !== undefined && !script.cachedDataRejected) return;
  const part = `${cacheFile}.${process.pid}.tmp`;
  try {
    writeFileSync(part, script.createCachedData());
    renameSync(part, cacheFile);
  } catch {
    try {
      rmSync(part, { force: true });
    } catch {
      // Nothing was written, or nothing can be: the next run compiles as usual.
    }
  }
}

module.exports.main(process.argv).then((code) => {
  process.exitCode = code;
  saveCache();
});
