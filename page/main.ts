/**
 * The offline validation page (`bctd page`, issue 8): a commune officer drops the unit's .xlsx
 * files and reads, per file, `Hợp lệ` or each `Lỗi`/`Cảnh báo` with the place, the input, the
 * value and the fix. The check itself is the CLI's pure engine, run in a Web Worker per file
 * (page/worker.ts) that is terminated past the time limit. Plain DOM, no framework, nothing
 * fetched: the worker's code is inlined into this bundle and started from a Blob URL.
 *
 * Everything that came from a file (names, sheet names, values, messages quoting cell text)
 * goes into the page through textContent only, never as HTML.
 */
import annotateSource from 'bctd:annotate-source';
import workerSource from 'bctd:worker-source';
import { makeValidateIssue } from '../src/issues/catalogue/validate.js';
import type { Issue } from '../src/issues/types.js';
import type { AnnotateReply, AnnotateRequest } from './annotate-worker.js';
import type { CheckReply, CheckRequest, FileResult, PageConfig } from './config.js';

const T = {
  checking: 'Đang kiểm tra…',
  valid: 'Hợp lệ',
  validWithWarnings: 'Hợp lệ, có cảnh báo',
  invalid: 'Có lỗi',
  error: 'Lỗi',
  warning: 'Cảnh báo',
  unit: 'Đơn vị',
  period: 'Kỳ báo cáo',
  result: 'Kết quả',
  unknownUnit: 'Chưa rõ (không đọc được trang "Thông tin")',
  unknownPeriod: 'Chưa rõ',
  noIssues: 'Không có lỗi nào. Tệp đạt yêu cầu kiểm tra và có thể gửi lên huyện.',
  warningsOnly:
    'Không có lỗi; có cảnh báo nên xem lại. Sửa nếu cần, hoặc giữ nguyên và ghi giải trình ở cột "Ghi chú/giải trình".',
  hasErrors:
    'Sửa các lỗi dưới đây trong tệp Excel, lưu lại, rồi kéo thả tệp vào trang này để kiểm tra lại.',
  columns: ['Mức độ', 'Vị trí', 'Chỉ tiêu', 'Giá trị', 'Vấn đề và cách sửa'],
  fix: 'Cách sửa: ',
  internal: (m: string) =>
    `Lỗi không mong đợi của trang kiểm tra (${m}). Đây là lỗi của chương trình, không phải của tệp: hãy báo cho người tổng hợp ở huyện và gửi kèm tệp.`,
  internalFix: 'Gửi tệp cho người tổng hợp ở huyện để kiểm tra bằng bctd.',
  noWorker:
    'Trình duyệt này không chạy được kiểm tra ở chế độ nền: tệp được kiểm tra trực tiếp, không giới hạn thời gian. Nên dùng Chrome, Edge, Firefox hoặc Cốc Cốc bản mới.',
  annotate: 'Tải bản có đánh dấu lỗi (.xlsx)',
  annotating: 'Đang tạo bản có đánh dấu…',
  annotateFailed: (m: string) => `Không tạo được bản có đánh dấu (${m}).`,
  printedAt: (d: Date) =>
    `Kết quả kiểm tra lúc ${pad(d.getHours())} giờ ${pad(d.getMinutes())}, ngày ${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}.`,
};

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `1.234`: the dot groups thousands in Vietnamese. */
function vn(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

type Attrs = Record<string, string | undefined>;

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(k, v);
  for (const c of children) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

function byId<E extends HTMLElement>(id: string): E {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el as E;
}

const config = JSON.parse(byId('bctd-config').textContent ?? '{}') as PageConfig;

// --- Running one check ------------------------------------------------------------------------

let workerUrl: string | undefined;
let inlineReady: Promise<void> | undefined;
let workersRefused = false;

/** Where a browser refuses a Blob worker: run the worker script on the page itself. */
function inlineCheck(req: CheckRequest): Promise<CheckReply> {
  inlineReady ??= new Promise<void>((resolve, reject) => {
    const s = document.createElement('script');
    s.src = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
    s.onload = () => resolve();
    s.onerror = () => reject(new Error('không nạp được mã kiểm tra'));
    document.head.append(s);
  });
  return inlineReady.then(() => {
    const check = (globalThis as unknown as { bctdCheck: (r: CheckRequest) => Promise<CheckReply> })
      .bctdCheck;
    return check(req);
  });
}

function timeoutResult(name: string): FileResult {
  return {
    file: name,
    unit: null,
    period: null,
    periodLabel: null,
    valid: false,
    issues: [makeValidateIssue('file-timeout', { seconds: config.secondsPerFile }, { file: name })],
  };
}

function failureResult(name: string, message: string): FileResult {
  return {
    file: name,
    unit: null,
    period: null,
    periodLabel: null,
    valid: false,
    issues: [
      { code: 'internal', severity: 'error', message: T.internal(message), fix: T.internalFix },
    ],
  };
}

/** One fresh worker per file, terminated when done or past the time limit. */
function runCheck(file: File): Promise<FileResult> {
  const req: CheckRequest = {
    file,
    name: file.name,
    outline: config.outline,
    period: config.period,
    limits: config.limits,
  };
  if (config.units !== undefined) req.units = config.units;
  const settle = (r: CheckReply): FileResult =>
    r.ok ? r.result : failureResult(file.name, r.message);
  if (workersRefused) return inlineCheck(req).then(settle);

  let worker: Worker;
  try {
    workerUrl ??= URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
    worker = new Worker(workerUrl);
  } catch {
    workersRefused = true;
    byId('notice').textContent = T.noWorker;
    byId('notice').hidden = false;
    return inlineCheck(req).then(settle);
  }
  return new Promise<FileResult>((resolve) => {
    let done = false;
    const finish = (r: FileResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      worker.terminate();
      resolve(r);
    };
    const timer = setTimeout(() => finish(timeoutResult(file.name)), config.secondsPerFile * 1000);
    worker.onmessage = (e: MessageEvent<CheckReply>) => finish(settle(e.data));
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      finish(failureResult(file.name, e.message || 'worker'));
    };
    worker.postMessage(req);
  });
}

// --- State ------------------------------------------------------------------------------------

interface Entry {
  name: string;
  file: File;
  card: HTMLElement;
  result?: FileResult;
}

/** By file name: dropping a corrected file again replaces its card. */
const entries = new Map<string, Entry>();
const queue: Array<{ file: File; entry: Entry }> = [];
let running = 0;
const PARALLEL = Math.max(1, Math.min(2, navigator.hardwareConcurrency || 1));

function pump(): void {
  while (running < PARALLEL && queue.length > 0) {
    const job = queue.shift()!;
    running++;
    void runCheck(job.file).then((result) => {
      running--;
      // A newer drop of the same name may have replaced this entry meanwhile.
      if (entries.get(job.entry.name) === job.entry) {
        job.entry.result = result;
        renderAll();
      }
      pump();
    });
  }
}

function addFiles(files: Iterable<File>): void {
  const results = byId('results');
  for (const file of files) {
    const old = entries.get(file.name);
    const entry: Entry = { name: file.name, file, card: checkingCard(file.name) };
    if (old) old.card.replaceWith(entry.card);
    else results.append(entry.card);
    entries.set(file.name, entry);
    queue.push({ file, entry });
  }
  renderAll();
  pump();
}

/**
 * As `bctd validate` on a folder: two files for one unit and period are each an error naming
 * the other (a unit that sent a corrected copy under a new name must say which one counts).
 */
function withDuplicates(done: Entry[]): Map<Entry, Issue[]> {
  const groups = new Map<string, Entry[]>();
  for (const e of done) {
    const r = e.result!;
    if (!r.unit || !r.period) continue;
    const key = `${r.unit.code}\u0000${r.period}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const out = new Map<Entry, Issue[]>();
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    for (const e of g) {
      out.set(
        e,
        g
          .filter((o) => o !== e)
          .map((o) =>
            makeValidateIssue('submission-duplicate', {
              other: o.name,
              unit: e.result!.unit!.code,
              period: e.result!.period!,
            }),
          ),
      );
    }
  }
  return out;
}

// --- Rendering --------------------------------------------------------------------------------

function checkingCard(name: string): HTMLElement {
  return h(
    'article',
    { class: 'card checking', 'data-file': name, 'data-state': 'checking' },
    h('header', {}, h('h2', {}, name), h('span', { class: 'badge wait' }, T.checking)),
    h('div', { class: 'progress' }, h('span')),
  );
}

function place(i: Issue): string {
  if (i.sheet !== undefined && i.cell !== undefined) return `${i.sheet}!${i.cell}`;
  return i.sheet ?? i.cell ?? '—';
}

function issueRow(i: Issue): HTMLElement {
  const label = h('td', { class: 'label' });
  if (i.label !== undefined) label.append(i.label);
  if (i.input !== undefined) label.append(h('span', { class: 'code' }, i.input));
  if (i.label === undefined && i.input === undefined) label.append('—');
  return h(
    'tr',
    {
      class: `issue ${i.severity}`,
      'data-code': i.code,
      'data-severity': i.severity,
      'data-sheet': i.sheet,
      'data-cell': i.cell,
      'data-input': i.input,
    },
    h(
      'td',
      { class: 'severity' },
      h('span', { class: `tag ${i.severity}` }, i.severity === 'error' ? T.error : T.warning),
    ),
    h('td', { class: 'place' }, place(i)),
    label,
    h('td', { class: 'value' }, i.value ?? ''),
    h(
      'td',
      { class: 'text' },
      h('p', { class: 'msg' }, i.message),
      h('p', { class: 'fix' }, h('strong', {}, T.fix), i.fix),
    ),
  );
}

let annotateUrl: string | undefined;

/**
 * The annotated copy, made in its own worker (exceljs is large and only needed on request),
 * and handed to the browser as a download: nothing leaves the computer.
 */
function annotate(entry: Entry, issues: Issue[], button: HTMLButtonElement): void {
  button.disabled = true;
  button.textContent = T.annotating;
  annotateUrl ??= URL.createObjectURL(new Blob([annotateSource], { type: 'text/javascript' }));
  const worker = new Worker(annotateUrl);
  const done = (message?: string): void => {
    clearTimeout(timer);
    worker.terminate();
    button.disabled = false;
    button.textContent = message === undefined ? T.annotate : T.annotateFailed(message);
  };
  const timer = setTimeout(
    () => done(`quá ${config.secondsPerFile * 2} giây`),
    config.secondsPerFile * 2000,
  );
  worker.onmessage = (e: MessageEvent<AnnotateReply>) => {
    const r = e.data;
    if (!r.ok) return done(r.message);
    const blob = new Blob([r.bytes as Uint8Array<ArrayBuffer>], {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    const a = h('a', {
      href: URL.createObjectURL(blob),
      download: `${entry.name.replace(/\.[^.]*$/, '')}-danh-dau-loi.xlsx`,
    });
    document.body.append(a);
    a.click();
    a.remove();
    done();
  };
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    done(e.message || 'worker');
  };
  const req: AnnotateRequest = { file: entry.file, issues, limits: config.limits };
  worker.postMessage(req);
}

function resultCard(entry: Entry, r: FileResult, extra: Issue[]): HTMLElement {
  const name = entry.name;
  // Errors first, each group in the engine's order (sheet by sheet, row by row).
  const issues = [...r.issues, ...extra];
  const sorted = [
    ...issues.filter((i) => i.severity === 'error'),
    ...issues.filter((i) => i.severity !== 'error'),
  ];
  const errors = sorted.filter((i) => i.severity === 'error').length;
  const warnings = sorted.length - errors;
  const valid = r.valid && extra.length === 0;
  const [badgeClass, badgeText] = !valid
    ? ['bad', T.invalid]
    : warnings > 0
      ? ['warn', T.validWithWarnings]
      : ['ok', T.valid];
  const counts =
    errors + warnings === 0
      ? T.valid
      : [errors > 0 ? `${vn(errors)} lỗi` : '', warnings > 0 ? `${vn(warnings)} cảnh báo` : '']
          .filter(Boolean)
          .join(', ');
  const card = h(
    'article',
    {
      class: `card ${badgeClass}`,
      'data-file': name,
      'data-state': 'done',
      'data-valid': String(valid),
    },
    h('header', {}, h('h2', {}, name), h('span', { class: `badge ${badgeClass}` }, badgeText)),
    h(
      'dl',
      { class: 'meta' },
      h('dt', {}, T.unit),
      h('dd', {}, r.unit ? `${r.unit.code} – ${r.unit.name}` : T.unknownUnit),
      h('dt', {}, T.period),
      h('dd', {}, r.periodLabel ?? r.period ?? T.unknownPeriod),
      h('dt', {}, T.result),
      h('dd', {}, counts),
    ),
    h('p', { class: 'advice' }, !valid ? T.hasErrors : warnings > 0 ? T.warningsOnly : T.noIssues),
  );
  // Only worth a copy when there are cells to mark (an unreadable file has none).
  if (!workersRefused && sorted.some((i) => i.cell !== undefined)) {
    const button = h('button', { type: 'button', class: 'secondary annotate' }, T.annotate);
    button.addEventListener('click', () => annotate(entry, issues, button));
    card.append(h('p', { class: 'card-actions' }, button));
  }
  if (sorted.length > 0) {
    card.append(
      h(
        'table',
        { class: 'issues' },
        h('thead', {}, h('tr', {}, ...T.columns.map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, ...sorted.map(issueRow)),
      ),
    );
  }
  return card;
}

function renderAll(): void {
  const done = [...entries.values()].filter((e) => e.result !== undefined);
  const dup = withDuplicates(done);
  let valid = 0;
  let errors = 0;
  let warnings = 0;
  for (const e of done) {
    const extra = dup.get(e) ?? [];
    const card = resultCard(e, e.result!, extra);
    e.card.replaceWith(card);
    e.card = card;
    if (e.result!.valid && extra.length === 0) valid++;
    for (const i of [...e.result!.issues, ...extra]) {
      if (i.severity === 'error') errors++;
      else warnings++;
    }
  }
  const pending = entries.size - done.length;
  const summary = byId('summary');
  summary.hidden = entries.size === 0;
  const n = done.length;
  // The wording of `bctd validate`'s summary line.
  byId('summary-line').textContent =
    `${vn(n)} tệp: ${vn(valid)} hợp lệ, ${vn(n - valid)} có lỗi (${vn(errors)} lỗi, ${vn(warnings)} cảnh báo)` +
    (pending > 0 ? ` · còn ${vn(pending)} tệp đang kiểm tra` : '');
  summary.setAttribute('data-pending', String(pending));
  byId('printed-at').textContent = T.printedAt(new Date());
}

// --- Wiring -----------------------------------------------------------------------------------

function start(): void {
  const drop = byId('drop');
  const input = byId<HTMLInputElement>('file-input');
  input.addEventListener('change', () => {
    if (input.files && input.files.length > 0) addFiles(Array.from(input.files));
    input.value = '';
  });
  drop.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      input.click();
    }
  });
  // A file dropped anywhere must not make the browser open it in place of the page.
  for (const type of ['dragover', 'drop']) {
    window.addEventListener(type, (e) => e.preventDefault());
  }
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const files = e.dataTransfer?.files;
    if (files && files.length > 0) addFiles(Array.from(files));
  });
  byId('print').addEventListener('click', () => {
    byId('printed-at').textContent = T.printedAt(new Date());
    window.print();
  });
  byId('clear').addEventListener('click', () => {
    entries.clear();
    queue.length = 0;
    byId('results').replaceChildren();
    renderAll();
  });
  document.documentElement.setAttribute('data-ready', 'true');
}

start();
