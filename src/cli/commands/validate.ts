import { validatePaths } from '../../app/validate.js';
import { EXIT } from '../../issues/errors.js';
import type { CliContext, CommandResult } from '../context.js';
import type { ValidateOptions } from '../program.js';
import { validateJson, validateText } from '../reporters/validate.js';

export async function run(
  args: string[],
  opts: ValidateOptions,
  ctx: CliContext,
): Promise<CommandResult> {
  const result = await validatePaths({
    paths: args,
    cwd: ctx.cwd,
    now: ctx.now,
    workspace: opts.workspace,
    outline: opts.outline,
    period: opts.period,
    year: opts.year,
    annotate: opts.annotate,
    jobs: opts.jobs,
    // A progress line only helps on long batches.
    onProgress: (done, total, label) => {
      if (total >= 20) ctx.progress(done, total, label);
    },
  });
  // Warnings are allowed; an unreadable or invalid file is exit 1.
  const exitCode = result.files.every((f) => f.valid) ? EXIT.ok : EXIT.findings;
  return {
    exitCode,
    json: validateJson(result),
    text: validateText(result, ctx.color && ctx.env.NO_COLOR === undefined),
  };
}
