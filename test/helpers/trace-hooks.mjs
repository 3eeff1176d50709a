// Module hooks that record every package a process loads (for the start-up test).
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (process.env.BCTD_TRACE_FILE && result.url.includes('/node_modules/')) {
    appendFileSync(process.env.BCTD_TRACE_FILE, result.url + '\n');
  }
  return result;
}
