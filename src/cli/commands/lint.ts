import { BctdError } from '../../issues/errors.js';
import type { CliContext, CommandResult } from '../context.js';
import type { CommonOptions } from '../program.js';

// Placeholder while the command is being built; removed from program.ts if it does not land.
export async function run(
  _args: string[],
  _opts: CommonOptions,
  _ctx: CliContext,
): Promise<CommandResult> {
  throw new BctdError('internal', 'Lệnh "lint" chưa có trong phiên bản này.');
}
