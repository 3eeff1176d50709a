'use strict';
// Runs one file of the bundle made by scripts/build-cli.js with V8's code cache: the file is
// compiled as a classic script with the cached code of an earlier run, so a start neither
// parses nor compiles what that run compiled (on Node 20 only a `vm.Script` takes a code
// cache; Node 22 has module.enableCompileCache() for this). Used by bin/bctd.js for the
// program and by dist/bundle/validate-worker.cjs for the worker threads of `--jobs`.
//
// V8 checks a cache against the source and its own version and flags, and rejects one that
// does not match (the file then compiles as usual). `save()` writes a missing or rejected cache
// again, if the folder is writable: never a partial file (written beside, then renamed). The
// bundle is ASCII (the build escapes everything else), so reading it as Latin-1 is exact and
// is a plain copy, where decoding UTF-8 cost milliseconds at every start.
const { readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const { Script } = require('node:vm');

/** Runs the CommonJS file `file`; returns its exports and a function that saves its cache. */
function runCached(file, cacheFile) {
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
    .call(
      module.exports,
      module.exports,
      Module.createRequire(file),
      module,
      file,
      path.dirname(file),
    );
  let saved = cachedData !== undefined && !script.cachedDataRejected;
  const save = () => {
    if (saved) return;
    saved = true;
    const part = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
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
  };
  return { exports: module.exports, save };
}

module.exports = { runCached };
