#!/usr/bin/env node
// Starts the program: dist/bundle/main.cjs, run with its V8 code cache (see load-cached.cjs).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'bundle');
if (!existsSync(path.join(dir, 'main.cjs'))) {
  // A checkout that was never built: say what to do, in the clerk's language (exit 2).
  process.stderr.write(
    `Lỗi: bctd chưa được dựng (thiếu ${path.join(dir, 'main.cjs')}).\n` +
      'Cách khắc phục: chạy "npm ci && npm run build" trong thư mục của bctd.\n',
  );
  process.exit(2);
}
const { runCached } = createRequire(import.meta.url)('./load-cached.cjs');
const { exports: program, save } = runCached(
  path.join(dir, 'main.cjs'),
  path.join(dir, 'main.cache'),
);

// A reader that stops early (`bctd outline | head`) closes the pipe: the rest of the output
// is no longer wanted, which is no reason for a stack trace; the command still ends with its
// own exit code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code !== 'EPIPE') throw err;
  });
}

program.main(process.argv).then((code) => {
  process.exitCode = code;
  save();
});
