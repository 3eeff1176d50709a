import { Command, Help, Option } from 'commander';
import type { CliContext, CommandResult } from './context.js';

/**
 * Commander declarations only (STYLE.md habit 1): building the program runs nothing and
 * loads no heavy library. Each action lazily imports its command module, so `--help` and
 * `--version` never load exceljs or docx.
 */

/** Each command's module, imported only when that command runs. */
const COMMAND_MODULES = {
  init: () => import('./commands/init.js'),
  outline: () => import('./commands/outline.js'),
  lint: () => import('./commands/lint.js'),
  template: () => import('./commands/template.js'),
  validate: () => import('./commands/validate.js'),
  receive: () => import('./commands/receive.js'),
  status: () => import('./commands/status.js'),
  generate: () => import('./commands/generate.js'),
  page: () => import('./commands/page.js'),
};

/**
 * Starts loading the module of the command named on the command line, before the program is
 * built and the arguments parsed: its files are read while that happens, instead of one level
 * of imports after another once the action runs (the action's own import then finds it loaded
 * or loading). Nothing is loaded for `--help` or `--version`, nor when no command is named.
 * A failure is left to the action's import, which reports it.
 */
export function preloadCommand(argv: readonly string[]): void {
  const args = argv.slice(2);
  if (args.some((a) => a === '--help' || a === '-h' || a === '--version' || a === '-V')) return;
  // The first word that is not an option: the command, unless a global option took a value.
  const name = args.find((a) => !a.startsWith('-'));
  if (name !== undefined && Object.hasOwn(COMMAND_MODULES, name)) {
    COMMAND_MODULES[name as keyof typeof COMMAND_MODULES]().catch(() => {});
  }
}

export type Format = 'text' | 'json';

/** Options every command has. */
export interface CommonOptions {
  format: Format;
  workspace?: string;
}

export interface InitOptions extends CommonOptions {
  preset: string;
  force: boolean;
}
export interface OutlineOptions extends CommonOptions {
  file?: string;
}
export interface LintOptions extends CommonOptions {
  render: boolean;
}
export interface PeriodOptions {
  period?: string;
  year?: number;
}
export interface TemplateOptions extends CommonOptions, PeriodOptions {
  unit?: string[];
  out?: string;
  outline?: string;
  force: boolean;
}
export interface ValidateOptions extends CommonOptions, PeriodOptions {
  outline?: string;
  annotate?: string;
  jobs?: number;
}
export interface ReceiveOptions extends CommonOptions, PeriodOptions {}
export interface StatusOptions extends CommonOptions, PeriodOptions {}
export interface GenerateOptions extends CommonOptions, PeriodOptions {
  out?: string;
  date?: string;
  number?: number;
  draft: boolean;
  strict: boolean;
  force: boolean;
  narratives?: string;
  rollup?: string;
  pdf: boolean;
  jobs?: number;
}
export interface PageOptions extends CommonOptions, PeriodOptions {
  outline?: string;
  out?: string;
  force: boolean;
}

/** A command module: `src/cli/commands/<name>.ts` exports `run`. */
export type CommandRunner<O> = (args: string[], opts: O, ctx: CliContext) => Promise<CommandResult>;

export interface ProgramHooks {
  /** Called by every action with the lazily loaded runner; main stores the promise. */
  dispatch: (load: () => Promise<CommandResult>) => void;
  ctx: CliContext;
}

const vi = {
  usage: 'Cách dùng:',
  args: 'Tham số:',
  options: 'Tùy chọn:',
  commands: 'Lệnh:',
  globalOptions: 'Tùy chọn chung:',
};

/** Commander prints English section titles; the clerk reads Vietnamese. */
class VietnameseHelp extends Help {
  constructor() {
    super();
    // `-w, --workspace` belongs to bctd, not to one command: `bctd validate --help` lists it too.
    this.showGlobalOptions = true;
  }

  override formatHelp(cmd: Command, helper: Help): string {
    return (
      super
        .formatHelp(cmd, helper)
        .replace(/^Usage:/m, vi.usage)
        .replace(/^Arguments:/m, vi.args)
        .replace(/^Options:/m, vi.options)
        .replace(/^Commands:/m, vi.commands)
        .replace(/^Global Options:/m, vi.globalOptions)
        .replace(/\[options\]/g, '[tùy-chọn]')
        .replace(/\[command\]/g, '[lệnh]')
        // A long line may be wrapped right after the word.
        .replace(/default:(\s)/g, 'mặc định:$1')
        .replace(/\(choices:(\s)/g, '(chọn một:$1')
    );
  }
}

// 0 passed the digit test and printed "Số: 0/BC-UBND" or "6 tháng đầu năm 0": none of these
// options has a meaningful zero.
export function parseIntOption(name: string) {
  return (value: string): number => {
    const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new InvalidOptionValue(`${name} phải là số nguyên dương, không phải "${value}".`);
    }
    return n;
  };
}

// A two-digit or mistyped year ("22", "20222") would silently name a period nobody reports.
export function parseYearOption(value: string): number {
  const v = value.trim();
  const n = /^\d{4}$/.test(v) ? Number(v) : NaN;
  if (!(n >= 1900 && n <= 2999)) {
    throw new InvalidOptionValue(
      `--year phải là năm có 4 chữ số, ví dụ 2022, không phải "${value}".`,
    );
  }
  return n;
}

/** Raised by option parsers; main maps it to exit 2 with this Vietnamese message. */
export class InvalidOptionValue extends Error {}

function formatOption(): Option {
  return new Option(
    '--format <format>',
    'định dạng kết quả: text (cho người đọc) hoặc json (cho máy)',
  )
    .choices(['text', 'json'])
    .default('text');
}

function periodOptions(cmd: Command): Command {
  return cmd
    .option('--period <kỳ>', 'kỳ báo cáo: 6m, 9m, year, q1, q2, q3, q4')
    .option('--year <năm>', 'năm báo cáo, ví dụ 2022', parseYearOption);
}

function localize(cmd: Command): Command {
  cmd.helpOption('-h, --help', 'hiển thị trợ giúp của lệnh');
  cmd.createHelp = () => new VietnameseHelp();
  return cmd;
}

export function buildProgram(version: string, hooks: ProgramHooks): Command {
  const program = new Command('bctd');
  program.createHelp = () => new VietnameseHelp();
  program
    .description(
      'bctd: tổng hợp bảng tính của các đơn vị thành báo cáo theo Nghị định 30/2020/NĐ-CP.',
    )
    .version(version, '-V, --version', 'in số phiên bản')
    .helpOption('-h, --help', 'hiển thị trợ giúp')
    .helpCommand('help [lệnh]', 'hiển thị trợ giúp của một lệnh')
    .option(
      '-w, --workspace <thư mục>',
      'thư mục làm việc (mặc định: thư mục hiện tại hoặc thư mục cha có bctd.yaml)',
    )
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      '\nMã thoát: 0 hoàn thành; 1 dữ liệu đầu vào có lỗi; 2 không chạy được (tùy chọn sai, thiếu cấu hình, ...).\n' +
        'Ví dụ:\n  bctd init --preset trieu-son-2022\n  bctd validate nop/2022-6m\n  bctd generate --period 6m --year 2022',
    );

  const { dispatch, ctx } = hooks;
  const globals = (cmd: Command): { workspace?: string } => {
    const w = (cmd.optsWithGlobals() as { workspace?: string }).workspace;
    return w === undefined ? {} : { workspace: w };
  };
  const add = (name: string, description: string): Command => {
    const cmd = program.command(name).description(description);
    localize(cmd);
    return cmd;
  };

  add(
    'init [thư-mục]',
    'tạo thư mục làm việc: bctd.yaml, units.yaml và các thư mục nop/, bao-cao/, bieu-mau/',
  )
    .option('--preset <tên>', 'bộ cấu hình có sẵn', 'trieu-son-2022')
    .option('--force', 'ghi đè các tệp đã có', false)
    .addOption(formatOption())
    .action(function (this: Command, dir: string | undefined) {
      const opts = { ...(this.opts() as InitOptions), ...globals(this) };
      dispatch(async () =>
        (await COMMAND_MODULES.init()).run(dir === undefined ? [] : [dir], opts, ctx),
      );
    });

  add('outline', 'in đề cương báo cáo: các mục, chỉ tiêu đầu vào, chỉ số, quy tắc kiểm tra')
    .option(
      '--file <tệp>',
      'kiểm tra và in một tệp đề cương YAML (thay cho đề cương của thư mục làm việc)',
    )
    .addOption(formatOption())
    .action(function (this: Command) {
      const opts = { ...(this.opts() as OutlineOptions), ...globals(this) };
      dispatch(async () => (await COMMAND_MODULES.outline()).run([], opts, ctx));
    });

  add('lint <tệp...>', 'kiểm tra thể thức một hay nhiều tệp DOCX theo Nghị định 30/2020/NĐ-CP')
    .option('--render', 'chuyển sang PDF bằng LibreOffice để kiểm tra cả bố cục trang', false)
    .addOption(formatOption())
    .action(function (this: Command, files: string[]) {
      const opts = { ...(this.opts() as LintOptions), ...globals(this) };
      dispatch(async () => (await COMMAND_MODULES.lint()).run(files, opts, ctx));
    });

  periodOptions(add('template', 'tạo biểu mẫu Excel (.xlsx) cho từng đơn vị điền số liệu'))
    .option('--unit <mã-dv...>', 'chỉ tạo cho các đơn vị có mã này')
    .option('--out <thư mục>', 'thư mục ghi biểu mẫu (mặc định: bieu-mau/<năm>-<kỳ>/)')
    .option('--outline <mã|tệp>', 'đề cương dùng (mặc định: của thư mục làm việc)')
    .option('--force', 'ghi đè biểu mẫu đã có', false)
    .addOption(formatOption())
    .action(function (this: Command) {
      const opts = { ...(this.opts() as TemplateOptions), ...globals(this) };
      dispatch(async () => (await COMMAND_MODULES.template()).run([], opts, ctx));
    });

  periodOptions(
    add(
      'validate <đường-dẫn...>',
      'kiểm tra tệp số liệu của đơn vị (tệp hoặc thư mục), báo mọi lỗi cùng lúc',
    ),
  )
    .option('--outline <mã|tệp>', 'đề cương dùng khi tệp không còn dấu của biểu mẫu')
    .option('--annotate <thư mục>', 'ghi bản sao có đánh dấu ô lỗi vào thư mục này')
    .option('--jobs <n>', 'số luồng xử lý song song', parseIntOption('--jobs'))
    .addOption(formatOption())
    .action(function (this: Command, paths: string[]) {
      const opts = { ...(this.opts() as ValidateOptions), ...globals(this) };
      dispatch(async () => (await COMMAND_MODULES.validate()).run(paths, opts, ctx));
    });

  periodOptions(
    add(
      'receive <tệp...>',
      'nhận tệp của đơn vị: kiểm tra, lưu vào nop/<năm>-<kỳ>/ và ghi sổ nhận',
    ),
  )
    .addOption(formatOption())
    .action(function (this: Command, files: string[]) {
      const opts = { ...(this.opts() as ReceiveOptions), ...globals(this) };
      dispatch(async () => (await COMMAND_MODULES.receive()).run(files, opts, ctx));
    });

  periodOptions(add('status', 'tình hình nộp báo cáo của từng đơn vị trong kỳ'))
    .addOption(formatOption())
    .action(function (this: Command) {
      const opts = { ...(this.opts() as StatusOptions), ...globals(this) };
      dispatch(async () => (await COMMAND_MODULES.status()).run([], opts, ctx));
    });

  periodOptions(add('generate', 'lập báo cáo DOCX theo Nghị định 30/2020/NĐ-CP từ các tệp đã nộp'))
    .option('--out <tệp>', 'tệp DOCX ghi ra (mặc định: bao-cao/<năm>-<kỳ>/bao-cao-<năm>-<kỳ>.docx)')
    .option('--date <YYYY-MM-DD>', 'ngày ban hành')
    .option('--number <số>', 'số văn bản', parseIntOption('--number'))
    .option(
      '--draft',
      'bản dự thảo: để trống số, ngày và tháng (mặc định khi không có --number/--date)',
      false,
    )
    .option('--strict', 'không ghi gì nếu còn đơn vị chưa nộp hoặc tệp có lỗi (mã thoát 1)', false)
    .option('--force', 'ghi đè báo cáo đã có', false)
    .option('--narratives <tệp>', 'ghi thêm tệp DOCX tập hợp phần viết của các đơn vị')
    .option('--rollup <tệp>', 'ghi thêm bảng tính tổng hợp để gửi cấp trên')
    .option('--pdf', 'ghi thêm bản PDF (cần LibreOffice)', false)
    .option('--jobs <n>', 'số luồng xử lý song song', parseIntOption('--jobs'))
    .addOption(formatOption())
    .action(function (this: Command) {
      const opts = { ...(this.opts() as GenerateOptions), ...globals(this) };
      dispatch(async () => (await COMMAND_MODULES.generate()).run([], opts, ctx));
    });

  periodOptions(
    add(
      'page',
      'tạo trang HTML kiểm tra tệp (chạy không cần cài đặt, không cần mạng) để gửi các đơn vị',
    ),
  )
    .option('--outline <mã|tệp>', 'đề cương dùng (mặc định: của thư mục làm việc, hoặc bdg)')
    .option('--out <tệp>', 'tệp HTML ghi ra')
    .option('--force', 'ghi đè tệp đã có', false)
    .addOption(formatOption())
    .action(function (this: Command) {
      const opts = { ...(this.opts() as PageOptions), ...globals(this) };
      dispatch(async () => (await COMMAND_MODULES.page()).run([], opts, ctx));
    });

  return program;
}
