#!/usr/bin/env node
// The bundle made by scripts/build-cli.js (`npm run build`): a few files to load instead of
// hundreds of modules, which is most of the start-up time of a command-line run.
import { main } from '../dist/bundle/main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
