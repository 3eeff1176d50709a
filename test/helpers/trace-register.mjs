// Records every file a process loads (for the start-up test): ES modules through the module
// hooks of trace-hooks.mjs, CommonJS files (the bundle's vendor-*.cjs, see
// scripts/build-cli.js) by wrapping Module._load, which every require() goes through.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

register('./trace-hooks.mjs', import.meta.url);

const trace = process.env.BCTD_TRACE_FILE;
if (trace) {
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    const loaded = load.call(this, request, parent, isMain);
    try {
      const file = Module._resolveFilename(request, parent, isMain);
      if (path.isAbsolute(file)) appendFileSync(trace, `${pathToFileURL(file).href}\n`);
    } catch {
      // A built-in module: nothing to record.
    }
    return loaded;
  };
}
