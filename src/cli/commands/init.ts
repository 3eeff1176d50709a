import { initWorkspace } from '../../app/init.js';
import { EXIT } from '../../issues/errors.js';
import type { CliContext, CommandResult } from '../context.js';
import type { InitOptions } from '../program.js';
import { initText } from '../reporters/init.js';

export async function run(
  args: string[],
  opts: InitOptions,
  ctx: CliContext,
): Promise<CommandResult> {
  const result = initWorkspace(ctx.cwd, args[0] ?? opts.workspace, opts.preset, opts.force);
  return { exitCode: EXIT.ok, json: { ...result }, text: initText(result) };
}
