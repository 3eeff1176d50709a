/**
 * Named rules over a parsed outline (STYLE.md habit 4: schema, then named rules, then a result).
 * zod has checked the shape; these check what refers to what: unique codes, declared unit
 * kinds, category members, every expression and every code quoted in a report text. Each rule
 * returns problems with the YAML path they concern; the loader turns paths into line numbers.
 */
import Handlebars from 'handlebars';
import { checkReferences, parseExpr, type ExprRef } from './expr.js';
import { categorySetOf, flattenSections } from './helpers.js';
import type { AppendixColumn, ColumnKey, InputDef, Outline } from './schema.js';
import { CODE_RE, KEY_RE } from './schema.js';
import { HANDLEBARS_BUILTINS, TEMPLATE_HELPERS } from './templates.js';
import { closest } from '../text/closest.js';

export { closest };

export type PathSegment = string | number;

export interface RuleProblem {
  path: PathSegment[];
  message: string;
  /** Names the problem's place inside the YAML key (a column of an expression, a line of a template). */
  detail?: { column?: number; line?: number };
}

export interface NamedRule {
  name: string;
  check: (outline: Outline) => RuleProblem[];
}

const quote = (s: string): string => `"${s}"`;
const list = (xs: readonly string[]): string => xs.join(', ');

const hint = (name: string, candidates: Iterable<string>): string => {
  const c = closest(name, candidates);
  return c === undefined ? '' : ` Có phải ý là ${quote(c)}?`;
};

function duplicates<T>(
  items: readonly T[],
  key: (t: T) => string,
  path: (i: number) => PathSegment[],
  what: string,
): RuleProblem[] {
  const seen = new Map<string, number>();
  const out: RuleProblem[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else
      out.push({
        path: path(i),
        message: `${what} ${quote(k)} bị trùng (đã dùng ở mục thứ ${first + 1}); mỗi mã chỉ được khai báo một lần.`,
      });
  });
  return out;
}

const uniqueCodes: NamedRule = {
  name: 'unique-codes',
  check: (o) => [
    ...duplicates(
      o.inputs,
      (x) => x.code,
      (i) => ['inputs', i, 'code'],
      'Mã số liệu',
    ),
    ...duplicates(
      o.indicators,
      (x) => x.code,
      (i) => ['indicators', i, 'code'],
      'Mã chỉ tiêu',
    ),
    ...duplicates(
      o.objectives,
      (x) => x.code,
      (i) => ['objectives', i, 'code'],
      'Mã mục tiêu',
    ),
    ...duplicates(
      o.rules,
      (x) => x.code,
      (i) => ['rules', i, 'code'],
      'Mã quy tắc',
    ),
    ...duplicates(
      o.appendix,
      (x) => x.id,
      (i) => ['appendix', i, 'id'],
      'Mã biểu',
    ),
    ...Object.entries(o.category_sets).flatMap(([name, set]) =>
      duplicates(
        set.members,
        (m) => m.code,
        (i) => ['category_sets', name, 'members', i, 'code'],
        'Thành phần',
      ),
    ),
    ...sectionDuplicates(o),
  ],
};

function sectionDuplicates(o: Outline): RuleProblem[] {
  const out: RuleProblem[] = [];
  const walk = (list: Outline['sections'], path: PathSegment[]): void => {
    out.push(
      ...duplicates(
        list,
        (s) => s.number,
        (i) => [...path, i, 'number'],
        'Số thứ tự mục',
      ),
    );
    list.forEach((s, i) => walk(s.children, [...path, i, 'children']));
  };
  walk(o.sections, ['sections']);
  return out;
}

const declaredKinds: NamedRule = {
  name: 'declared-unit-kinds',
  check: (o) => {
    const kinds = Object.keys(o.unit_kinds);
    const out: RuleProblem[] = [];
    const check = (kind: string, path: PathSegment[]): void => {
      if (!(kind in o.unit_kinds)) {
        out.push({
          path,
          message: `Loại đơn vị ${quote(kind)} chưa khai báo trong unit_kinds; dùng một trong: ${list(kinds)}.${hint(kind, kinds)}`,
        });
      }
    };
    if (kinds.length === 0)
      out.push({ path: ['unit_kinds'], message: 'Cần khai báo ít nhất một loại đơn vị báo cáo.' });
    o.inputs.forEach((input, i) => {
      input.reporters.forEach((k, j) => check(k, ['inputs', i, 'reporters', j]));
      const agg = input.aggregate;
      if (agg.kind === 'from') {
        check(agg.from, ['inputs', i, 'aggregate', 'from']);
        if (agg.from in o.unit_kinds && !input.reporters.includes(agg.from)) {
          out.push({
            path: ['inputs', i, 'aggregate', 'from'],
            message: `Lấy số từ ${quote(agg.from)} nhưng loại đơn vị này không có trong reporters của số liệu; thêm ${quote(agg.from)} vào reporters.`,
          });
        }
      } else if (agg.over !== undefined) {
        agg.over.forEach((k, j) => {
          check(k, ['inputs', i, 'aggregate', 'over', j]);
          if (k in o.unit_kinds && !input.reporters.includes(k)) {
            out.push({
              path: ['inputs', i, 'aggregate', 'over', j],
              message: `Cộng số của ${quote(k)} nhưng loại đơn vị này không báo cáo số liệu (không có trong reporters).`,
            });
          }
        });
      }
    });
    o.rules.forEach((r, i) =>
      r.applies_to?.forEach((k, j) => check(k, ['rules', i, 'applies_to', j])),
    );
    o.appendix.forEach((t, i) => {
      if (t.rows.from === 'units')
        t.rows.kinds.forEach((k, j) => check(k, ['appendix', i, 'rows', 'kinds', j]));
    });
    const walk = (list: Outline['sections'], path: PathSegment[]): void =>
      list.forEach((s, i) => {
        s.reporters?.forEach((k, j) => check(k, [...path, i, 'reporters', j]));
        walk(s.children, [...path, i, 'children']);
      });
    walk(o.sections, ['sections']);
    return out;
  },
};

const categorySets: NamedRule = {
  name: 'category-sets',
  check: (o) => {
    const out: RuleProblem[] = [];
    for (const [name, set] of Object.entries(o.category_sets)) {
      const codes = set.members.map((m) => m.code);
      if (set.total !== undefined && !codes.includes(set.total)) {
        out.push({
          path: ['category_sets', name, 'total'],
          message: `Cột tổng ${quote(set.total)} không phải thành phần của nhóm ${quote(name)}; dùng một trong: ${list(codes)}.`,
        });
      }
    }
    return out;
  },
};

const inputCells: NamedRule = {
  name: 'input-cells',
  check: (o) => {
    const out: RuleProblem[] = [];
    const sets = Object.keys(o.category_sets);
    o.inputs.forEach((input, i) => {
      const at = (...p: PathSegment[]): PathSegment[] => ['inputs', i, ...p];
      if (input.categories === undefined) {
        if (input.entered !== undefined)
          out.push({
            path: at('entered'),
            message: 'Số liệu không có nhóm phân tổ (categories) nên không khai báo entered.',
          });
        if (input.derived !== undefined)
          out.push({
            path: at('derived'),
            message: 'Số liệu không có nhóm phân tổ (categories) nên không khai báo derived.',
          });
        return;
      }
      const set = categorySetOf(o, input);
      if (set === undefined) {
        out.push({
          path: at('categories'),
          message: `Nhóm phân tổ ${quote(input.categories)} chưa khai báo trong category_sets; dùng một trong: ${list(sets)}.${hint(input.categories, sets)}`,
        });
        return;
      }
      if (input.type === 'yes_no' || input.type === 'text') {
        out.push({
          path: at('categories'),
          message: `Số liệu kiểu ${input.type} không chia theo nhóm phân tổ; bỏ categories hoặc đổi kiểu.`,
        });
      }
      const members = set.members.map((m) => m.code);
      const derived = Object.keys(input.derived ?? {});
      input.entered?.forEach((m, j) => {
        if (!members.includes(m))
          out.push({
            path: at('entered', j),
            message: `${quote(m)} không phải thành phần của nhóm ${quote(input.categories as string)}; dùng một trong: ${list(members)}.`,
          });
        else if (derived.includes(m))
          out.push({
            path: at('entered', j),
            message: `${quote(m)} vừa được nhập vừa được tính (derived); chọn một.`,
          });
      });
      for (const m of derived) {
        if (!members.includes(m))
          out.push({
            path: at('derived', m),
            message: `${quote(m)} không phải thành phần của nhóm ${quote(input.categories)}; dùng một trong: ${list(members)}.`,
          });
      }
      if (input.entered !== undefined) {
        const missing = members.filter((m) => !input.entered?.includes(m) && !derived.includes(m));
        if (missing.length > 0) {
          out.push({
            path: at('entered'),
            message: `Các cột ${list(missing)} không được nhập cũng không được tính; thêm vào entered hoặc derived.`,
          });
        }
      }
      const entered = members.filter((m) =>
        input.entered ? input.entered.includes(m) : !derived.includes(m),
      );
      for (const [m, text] of Object.entries(input.derived ?? {})) {
        out.push(...expression(text, at('derived', m), (ref) => derivedRef(input, entered, ref)));
      }
    });
    return out;
  },
};

function derivedRef(input: InputDef, entered: string[], ref: ExprRef): string | undefined {
  if (ref.counted) return 'Không dùng count(...) trong cột tính toán.';
  const member = ref.member ?? (KEY_RE.test(ref.code) ? ref.code : undefined);
  if (ref.member !== undefined && ref.code !== input.code) {
    return `Cột tính toán chỉ dùng các cột của chính số liệu ${input.code}; ${quote(ref.text)} thuộc số liệu khác.`;
  }
  if (member === undefined || !entered.includes(member)) {
    return `${quote(ref.text)} không phải cột nhập của ${input.code}; dùng một trong: ${list(entered)}.`;
  }
  return undefined;
}

/** Parses an expression text and checks its references; problems point at the expression's column. */
function expression(
  text: string,
  path: PathSegment[],
  resolve: (ref: ExprRef) => string | undefined,
): RuleProblem[] {
  const parsed = parseExpr(text);
  if (!parsed.ok) {
    return [
      {
        path,
        message: `Biểu thức ${quote(text)} sai ở cột ${parsed.error.column}: ${parsed.error.message}.`,
        detail: { column: parsed.error.column },
      },
    ];
  }
  return checkReferences(parsed.ast, resolve).map((e) => ({
    path,
    message: `Biểu thức ${quote(text)}, cột ${e.column}: ${e.message}`,
    detail: { column: e.column },
  }));
}

/** Resolves a reference to an input cell of the outline; a Vietnamese problem or undefined. */
export function inputRefProblem(
  o: Outline,
  ref: { code: string; member?: string; text: string; counted?: boolean },
): string | undefined {
  const codes = o.inputs.map((i) => i.code);
  const input = o.inputs.find((i) => i.code === ref.code);
  if (input === undefined) {
    const looks = CODE_RE.test(ref.code) ? '' : ' (mã số liệu viết in hoa, ví dụ SINH_SONG.nu)';
    return `không có số liệu mã ${quote(ref.code)}${looks}.${hint(ref.code, codes)}`;
  }
  if (ref.counted === true) return undefined;
  if (input.type === 'text') return `số liệu ${ref.code} là dạng chữ, không dùng để tính toán.`;
  const set = categorySetOf(o, input);
  if (ref.member !== undefined) {
    if (set === undefined)
      return `số liệu ${ref.code} không chia cột phân tổ; viết ${ref.code} (không có ".${ref.member}").`;
    const members = set.members.map((m) => m.code);
    if (!members.includes(ref.member)) {
      return `số liệu ${ref.code} không có cột ${quote(ref.member)}; dùng một trong: ${list(members.map((m) => `${ref.code}.${m}`))}.${hint(ref.member, members)}`;
    }
    return undefined;
  }
  if (set !== undefined && set.total === undefined) {
    return `nhóm phân tổ ${quote(input.categories as string)} không có cột tổng; ghi rõ cột, ví dụ ${ref.code}.${set.members[0]?.code ?? 'nu'}.`;
  }
  return undefined;
}

const expressions: NamedRule = {
  name: 'expressions',
  check: (o) => {
    const out: RuleProblem[] = [];
    const resolve = (ref: ExprRef): string | undefined => inputRefProblem(o, ref);
    o.indicators.forEach((ind, i) => {
      const at = (...p: PathSegment[]): PathSegment[] => ['indicators', i, ...p];
      for (const key of ['numerator', 'denominator', 'formula'] as const) {
        const text = ind[key];
        if (text !== undefined) out.push(...expression(text, at(key), resolve));
      }
      if (
        ind.formula !== undefined &&
        (ind.numerator !== undefined || ind.denominator !== undefined)
      ) {
        out.push({
          path: at('formula'),
          message: 'Dùng formula hoặc numerator/denominator, không dùng cả hai.',
        });
      }
      if (ind.denominator !== undefined && ind.numerator === undefined) {
        out.push({
          path: at('denominator'),
          message: 'Có mẫu số (denominator) thì cần tử số (numerator).',
        });
      }
      if (ind.district_computable && ind.formula === undefined && ind.numerator === undefined) {
        out.push({
          path: at(),
          message: `Chỉ tiêu ${ind.code} tính được ở cấp huyện nhưng chưa có công thức; thêm numerator/denominator (hoặc formula), hoặc ghi district_computable: false kèm note.`,
        });
      }
      if (!ind.district_computable && ind.note === undefined) {
        out.push({
          path: at('district_computable'),
          message: `Chỉ tiêu ${ind.code} không tính được ở cấp huyện: ghi lý do ở note để báo cáo nêu rõ.`,
        });
      }
    });
    o.rules.forEach((r, i) => {
      out.push(...expression(r.left, ['rules', i, 'left'], resolve));
      out.push(...expression(r.right, ['rules', i, 'right'], resolve));
    });
    return out;
  },
};

const aggregation: NamedRule = {
  name: 'aggregation-fits-type',
  check: (o) => {
    const out: RuleProblem[] = [];
    o.inputs.forEach((input, i) => {
      const kind = input.aggregate.kind;
      if (kind === 'count_yes' && input.type !== 'yes_no') {
        out.push({
          path: ['inputs', i, 'aggregate'],
          message: `count_yes chỉ dùng cho số liệu kiểu yes_no (Có/Không); số liệu ${input.code} là ${input.type}.`,
        });
      }
      if (input.type === 'yes_no' && kind === 'sum') {
        out.push({
          path: ['inputs', i, 'aggregate'],
          message: `Số liệu Có/Không ${input.code} tổng hợp bằng count_yes (đếm số đơn vị trả lời Có), from, max hoặc last, không cộng (sum).`,
        });
      }
      if (input.type === 'percent' && kind === 'sum') {
        out.push({
          path: ['inputs', i, 'aggregate'],
          message: `Không cộng tỷ lệ phần trăm giữa các đơn vị (${input.code}); nhập tử số và mẫu số rồi tính chỉ tiêu, hoặc dùng from.`,
        });
      }
    });
    return out;
  },
};

const references: NamedRule = {
  name: 'cross-references',
  check: (o) => {
    const out: RuleProblem[] = [];
    const objectives = o.objectives.map((x) => x.code);
    const indicators = o.indicators.map((x) => x.code);
    const inputs = o.inputs.map((x) => x.code);
    const need = (code: string, known: string[], path: PathSegment[], what: string): void => {
      if (!known.includes(code))
        out.push({
          path,
          message: `${what} ${quote(code)} không có trong đề cương.${hint(code, known)}`,
        });
    };
    o.indicators.forEach((ind, i) =>
      need(ind.objective, objectives, ['indicators', i, 'objective'], 'Mục tiêu'),
    );
    const walk = (list: Outline['sections'], path: PathSegment[]): void =>
      list.forEach((s, i) => {
        s.indicators?.forEach((c, j) =>
          need(c, indicators, [...path, i, 'indicators', j], 'Chỉ tiêu'),
        );
        s.inputs?.forEach((c, j) => need(c, inputs, [...path, i, 'inputs', j], 'Số liệu'));
        walk(s.children, [...path, i, 'children']);
      });
    walk(o.sections, ['sections']);
    o.appendix.forEach((t, i) => {
      const rows = t.rows;
      if (rows.from === 'indicators') {
        rows.codes?.forEach((c, j) =>
          need(c, indicators, ['appendix', i, 'rows', 'codes', j], 'Chỉ tiêu'),
        );
        rows.objectives?.forEach((c, j) =>
          need(c, objectives, ['appendix', i, 'rows', 'objectives', j], 'Mục tiêu'),
        );
      } else if (rows.from === 'inputs') {
        rows.codes.forEach((c, j) =>
          need(c, inputs, ['appendix', i, 'rows', 'codes', j], 'Số liệu'),
        );
      }
    });
    return out;
  },
};

const periods: NamedRule = {
  name: 'periods-supported',
  check: (o) => {
    const out: RuleProblem[] = [];
    const check = (ps: readonly string[] | undefined, path: PathSegment[]): void =>
      ps?.forEach((p, j) => {
        if (!o.periods.includes(p as never))
          out.push({
            path: [...path, j],
            message: `Kỳ ${quote(p)} không có trong periods của đề cương (${list(o.periods)}).`,
          });
      });
    o.inputs.forEach((x, i) => check(x.periods, ['inputs', i, 'periods']));
    o.rules.forEach((x, i) => check(x.periods, ['rules', i, 'periods']));
    o.appendix.forEach((x, i) => check(x.periods, ['appendix', i, 'periods']));
    const walk = (list: Outline['sections'], path: PathSegment[]): void =>
      list.forEach((s, i) => {
        check(s.periods, [...path, i, 'periods']);
        walk(s.children, [...path, i, 'children']);
      });
    walk(o.sections, ['sections']);
    return out;
  },
};

/** Which built-in columns make sense for each row source. */
const COLUMNS_FOR: Record<'indicators' | 'inputs' | 'units', readonly ColumnKey[]> = {
  indicators: [
    'stt',
    'code',
    'label',
    'unit',
    'objective',
    'target',
    'numerator',
    'denominator',
    'value',
    'previous',
    'change',
    'assessment',
    'status',
    'source',
    'note',
  ],
  inputs: ['stt', 'code', 'label', 'unit', 'value', 'previous', 'change', 'note'],
  units: ['stt', 'unit_name', 'note'],
};

const appendixColumns: NamedRule = {
  name: 'appendix-columns',
  check: (o) => {
    const out: RuleProblem[] = [];
    o.appendix.forEach((t, i) => {
      const from = t.rows.from;
      t.columns.forEach((c: AppendixColumn, j) => {
        const at = (...p: PathSegment[]): PathSegment[] => ['appendix', i, 'columns', j, ...p];
        const kinds = (['key', 'member', 'share', 'input', 'formula'] as const).filter(
          (k) => c[k] !== undefined,
        );
        if (kinds.length !== 1) {
          out.push({
            path: at(),
            message: `Mỗi cột ghi đúng một trong key, member, share, input, formula (đang có: ${kinds.length === 0 ? 'không có' : list(kinds)}).`,
          });
          return;
        }
        if (c.key !== undefined && !COLUMNS_FOR[from].includes(c.key)) {
          out.push({
            path: at('key'),
            message: `Cột ${quote(c.key)} không dùng được cho dòng lấy từ ${from}; dùng một trong: ${list(COLUMNS_FOR[from])}.`,
          });
        }
        if (c.year !== undefined && c.key !== 'target')
          out.push({ path: at('year'), message: 'year chỉ dùng với key: target.' });
        for (const k of ['member', 'share'] as const) {
          const m = c[k];
          if (m === undefined) continue;
          if (t.rows.from !== 'inputs') {
            out.push({
              path: at(k),
              message: `${k} chỉ dùng cho biểu có dòng lấy từ inputs; với dòng theo đơn vị dùng input: "MA.cot".`,
            });
            continue;
          }
          const members = new Set(
            t.rows.codes.flatMap((code) => {
              const input = o.inputs.find((x) => x.code === code);
              const set = input === undefined ? undefined : categorySetOf(o, input);
              return set?.members.map((x) => x.code) ?? [];
            }),
          );
          if (!members.has(m))
            out.push({
              path: at(k),
              message: `Không số liệu nào của biểu có cột ${quote(m)}; dùng một trong: ${list([...members])}.`,
            });
        }
        if (c.input !== undefined || c.formula !== undefined) {
          if (from !== 'units') {
            out.push({
              path: at(c.input !== undefined ? 'input' : 'formula'),
              message:
                'input và formula chỉ dùng cho biểu có dòng theo đơn vị (rows: {from: units}).',
            });
            return;
          }
          const text = (c.input ?? c.formula) as string;
          const key = c.input !== undefined ? 'input' : 'formula';
          const problems = expression(text, at(key), (ref) => inputRefProblem(o, ref));
          out.push(...problems);
          if (key === 'input' && problems.length === 0) {
            const p = parseExpr(text);
            if (p.ok && p.ast.kind !== 'ref')
              out.push({
                path: at('input'),
                message: `input là một ô số liệu, ví dụ "SINH_SONG.nam"; dùng formula cho phép tính.`,
              });
          }
        }
      });
    });
    return out;
  },
};

type HbsNode = {
  type: string;
  loc?: { start: { line: number; column: number } };
  [k: string]: unknown;
};

const templates: NamedRule = {
  name: 'report-templates',
  check: (o) => {
    const out: RuleProblem[] = [];
    const helpers = new Map(TEMPLATE_HELPERS.map((h) => [h.name, h]));
    const known = new Set<string>([...helpers.keys(), ...HANDLEBARS_BUILTINS]);
    const indicators = o.indicators.map((x) => x.code);
    const checkTemplate = (text: string, path: PathSegment[]): void => {
      let ast: HbsNode;
      try {
        ast = Handlebars.parse(text) as unknown as HbsNode;
      } catch (e) {
        const err = e as { message?: string; lineNumber?: number };
        const first = (err.message ?? '').split('\n')[0];
        out.push({
          path,
          message: `Mẫu văn bản (handlebars) sai cú pháp: ${first}. Kiểm tra các cặp {{#if}}...{{/if}}, {{#each}}...{{/each}}.`,
          detail: err.lineNumber === undefined ? {} : { line: err.lineNumber },
        });
        return;
      }
      const visit = (node: unknown): void => {
        if (Array.isArray(node)) return node.forEach(visit);
        if (node === null || typeof node !== 'object') return;
        const n = node as HbsNode;
        if (
          (n.type === 'MustacheStatement' ||
            n.type === 'SubExpression' ||
            n.type === 'BlockStatement') &&
          Array.isArray(n.params)
        ) {
          const pathNode = n.path as { original?: string } | undefined;
          const name = pathNode?.original ?? '';
          const params = n.params as HbsNode[];
          const line = n.loc?.start.line;
          const where = line === undefined ? {} : { line };
          if (params.length > 0 && !known.has(name)) {
            out.push({
              path,
              message: `Mẫu văn bản dùng hàm ${quote(name)} không có; dùng một trong: ${list([...helpers.keys()])}.${hint(name, helpers.keys())}`,
              detail: where,
            });
          }
          const h = helpers.get(name);
          if (h !== undefined) {
            params.forEach((p, k) => {
              if (p.type !== 'StringLiteral') return;
              const kind = h.args[Math.min(k, h.args.length - 1)];
              if (k >= h.args.length && h.variadic !== true) return;
              const value = String(p.value);
              if (kind === 'input') {
                const [code, member, ...rest] = value.split('.');
                const problem =
                  rest.length > 0 || code === undefined
                    ? `${quote(value)} không phải mã số liệu (dạng MA hoặc MA.cot)`
                    : inputRefProblem(
                        o,
                        member === undefined
                          ? { code, text: value, counted: false }
                          : { code, member, text: value, counted: false },
                      );
                if (problem !== undefined)
                  out.push({
                    path,
                    message: `Mẫu văn bản, {{${name} ${quote(value)}}}: ${problem}`,
                    detail: where,
                  });
              } else if (kind === 'indicator' && !indicators.includes(value)) {
                out.push({
                  path,
                  message: `Mẫu văn bản, {{${name} ${quote(value)}}}: chỉ tiêu ${quote(value)} không có trong đề cương.${hint(value, indicators)}`,
                  detail: where,
                });
              }
            });
          }
        }
        for (const [k, v] of Object.entries(n)) if (k !== 'loc' && typeof v === 'object') visit(v);
      };
      visit(ast.body);
    };
    checkTemplate(o.trich_yeu, ['trich_yeu']);
    const walk = (list: Outline['sections'], path: PathSegment[]): void =>
      list.forEach((s, i) => {
        if (s.template !== undefined) checkTemplate(s.template, [...path, i, 'template']);
        walk(s.children, [...path, i, 'children']);
      });
    walk(o.sections, ['sections']);
    return out;
  },
};

const sectionNumbers: NamedRule = {
  name: 'section-numbers',
  check: (o) =>
    flattenSections(o).flatMap((f) =>
      f.section.number.includes('.')
        ? [
            {
              path: ['sections'],
              message: `Số mục ${quote(f.section.number)} (mục ${f.path}) chỉ ghi số của cấp đó, không có dấu chấm (ví dụ "1", không ghi "II.1").`,
            },
          ]
        : [],
    ),
};

/** Every named rule, in the order their problems are listed. */
export const OUTLINE_RULES: readonly NamedRule[] = [
  uniqueCodes,
  declaredKinds,
  categorySets,
  inputCells,
  aggregation,
  expressions,
  references,
  periods,
  appendixColumns,
  sectionNumbers,
  templates,
];

/** Runs every named rule; all problems at once, not the first. */
export function checkOutline(outline: Outline): RuleProblem[] {
  return OUTLINE_RULES.flatMap((r) => r.check(outline));
}
