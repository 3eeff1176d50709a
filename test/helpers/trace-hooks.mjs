// Module hooks that record every file a process loads (for the start-up test): packages from
// node_modules, and the files of bctd's own bundle (dist/bundle/, mapped back to the modules in
// them through dist/bundle/meta.json by the test).
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (process.env.BCTD_TRACE_FILE && result.url.startsWith('file:')) {
    appendFileSync(process.env.BCTD_TRACE_FILE, result.url + '\n');
  }
  return result;
}
