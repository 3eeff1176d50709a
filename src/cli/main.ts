import { CommanderError, type Command } from 'commander';
import { packageVersion } from '../app/paths.js';
import { BctdError, EXIT, type ExitCode } from '../issues/errors.js';
import type { CliContext, CommandResult } from './context.js';
import { buildProgram, InvalidOptionValue, preloadCommand } from './program.js';
import { renderError, type ErrorReport } from './reporters/error.js';

/** Does argv ask for JSON output? Needed before commander has parsed anything. */
function wantsJson(argv: readonly string[]): boolean {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--format' && argv[i + 1] === 'json') return true;
    if (a === '--format=json') return true;
  }
  return false;
}

export function defaultContext(): CliContext {
  const env = process.env;
  const interactive = Boolean(process.stderr.isTTY);
  const color = Boolean(process.stdout.isTTY) && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  return {
    cwd: process.cwd(),
    env,
    now: new Date(),
    color,
    interactive,
    progress: interactive
      ? (done, total, label) => {
          const width = 30;
          const filled = total === 0 ? width : Math.round((done / total) * width);
          const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
          process.stderr.write(`\r${bar} ${done}/${total} ${label}`.slice(0, 120).padEnd(80));
          if (done >= total) process.stderr.write('\r' + ' '.repeat(120) + '\r');
        }
      : () => {},
  };
}

/** Commander's English errors, said in Vietnamese. */
function translateCommanderError(err: CommanderError): string {
  const quoted = /'([^']+)'/.exec(err.message)?.[1] ?? '';
  const guess = /Did you mean (.+?)\?\)?\s*$/m.exec(err.message)?.[1];
  const hint = guess ? ` Có phải ý là: ${guess}?` : '';
  switch (err.code) {
    case 'commander.unknownOption':
      return `Tùy chọn không hợp lệ: ${quoted}.${hint} Xem các tùy chọn bằng --help.`;
    case 'commander.unknownCommand':
      return `Không có lệnh "${quoted}".${hint} Xem danh sách lệnh bằng bctd --help.`;
    case 'commander.missingArgument':
      return `Thiếu tham số ${quoted}. Xem cách dùng bằng --help.`;
    case 'commander.optionMissingArgument':
      return `Tùy chọn ${quoted} cần một giá trị.`;
    case 'commander.missingMandatoryOptionValue':
      return `Thiếu tùy chọn bắt buộc ${quoted}.`;
    case 'commander.excessArguments':
      return `Thừa tham số. Xem cách dùng bằng --help.`;
    case 'commander.invalidArgument': {
      const m = /option '([^']+)' argument '([^']*)' is invalid\. Allowed choices are (.*)\./.exec(
        err.message,
      );
      if (m) return `Giá trị "${m[2]}" không hợp lệ cho ${m[1]}; chọn một trong: ${m[3]}.`;
      const inner = /is invalid\. (.*)$/.exec(err.message)?.[1];
      return inner ?? err.message.replace(/^error: /, '');
    }
    default:
      return err.message.replace(/^error: /, '');
  }
}

/**
 * `--period --format json`: commander takes `--format` as the period and then finds `json`
 * left over ("too many arguments"), which hides the real slip, a value that was left out.
 * Says that instead when an option that needs a value is followed by another option.
 */
function optionTakenAsValue(program: Command, argv: readonly string[]): string | undefined {
  const cmd = program.commands.find((c) => c.name() === argv[2]) ?? program;
  for (let i = 3; i < argv.length; i++) {
    const flag = argv[i - 1] ?? '';
    const next = argv[i] ?? '';
    if (flag === '--') break;
    if (!flag.startsWith('-') || flag.includes('=') || !/^--?[a-z]/i.test(next)) continue;
    const opt = cmd.options.find((o) => o.long === flag || o.short === flag);
    if (opt?.required) return `Tùy chọn ${flag} cần một giá trị, nhưng sau nó là "${next}".`;
  }
  return undefined;
}

/**
 * Parses argv, runs the command, prints through the reporters and returns the exit code.
 * The only place that sets the exit code (STYLE.md habit 1).
 */
export async function main(
  argv: readonly string[],
  ctx: CliContext = defaultContext(),
): Promise<ExitCode> {
  preloadCommand(argv);
  const json = wantsJson(argv);
  let pending: Promise<CommandResult> | undefined;
  const program = buildProgram(packageVersion(), {
    ctx,
    dispatch: (load) => {
      pending = load();
    },
  });
  program.exitOverride();
  program.configureOutput({
    writeOut: (s) => process.stdout.write(s),
    // Commander's own English error lines are replaced by ours below.
    writeErr: () => {},
    outputError: () => {},
  });
  for (const cmd of program.commands) {
    cmd.exitOverride();
    cmd.configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: () => {},
      outputError: () => {},
    });
  }

  const fail = (report: ErrorReport): ExitCode => {
    const out = renderError(report, json);
    if (json) process.stdout.write(out);
    else process.stderr.write(out);
    return EXIT.cannotRun;
  };

  try {
    await program.parseAsync(argv as string[]);
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return EXIT.ok; // --help, --version
      const swallowed = optionTakenAsValue(program, argv);
      return fail({ code: 'bad-option', message: swallowed ?? translateCommanderError(err) });
    }
    if (err instanceof InvalidOptionValue)
      return fail({ code: 'bad-option', message: err.message });
    throw err;
  }
  if (!pending) {
    // `bctd` with no command: show the help, not an error.
    process.stdout.write(program.helpInformation());
    return EXIT.ok;
  }
  try {
    const result = await pending;
    if (json) process.stdout.write(JSON.stringify({ ...result.json, error: null }, null, 2) + '\n');
    else if (result.text)
      process.stdout.write(result.text.endsWith('\n') ? result.text : result.text + '\n');
    return result.exitCode;
  } catch (err) {
    if (err instanceof BctdError) {
      return fail({ code: err.code, message: err.message, hint: err.hint, details: err.details });
    }
    if (err instanceof InvalidOptionValue)
      return fail({ code: 'bad-option', message: err.message });
    // A bug: say so plainly, keep the stack for whoever reports it, never swallow it.
    const e = err as Error;
    return fail({
      code: 'internal',
      message: `Lỗi không mong đợi trong bctd: ${e?.message ?? String(err)}`,
      hint: 'Đây là lỗi của chương trình, không phải của dữ liệu. Hãy gửi thông báo này cho người quản trị.',
      details: ctx.env.BCTD_DEBUG ? [String(e?.stack ?? '')] : [],
    });
  }
}
