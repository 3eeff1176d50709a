#!/usr/bin/env node
// The bundle made by scripts/build-cli.js (`npm run build`): a few files to load instead of
// hundreds of modules, which is most of the start-up time of a command-line run.
import { setFlagsFromString } from 'node:v8';

// A short run (one file, a district) is mostly V8 warming up: TurboFan compiling the reader and
// the engine with everything inlined into them, on the second core, while the first runs them
// unoptimised. A smaller inlining budget makes those compilations several times cheaper and the
// optimised code arrive sooner; the steady state stays the same (issue 6, docs/BENCHMARKS.md).
// A JIT heuristic only, the same on every platform: results cannot change. Set before the
// bundle is imported so it applies to all of its code, and to worker threads (flags are per
// process).
setFlagsFromString('--max-inlined-bytecode-size-cumulative=300');

const { main } = await import('../dist/bundle/main.js');

main(process.argv).then((code) => {
  process.exitCode = code;
});
