/**
 * The outline's small, safe expression language (issue 2, "Outlines are data").
 *
 * Formulas of indicators, rules and derived cells are outline text written by an office, so they
 * are parsed by hand into an AST and interpreted; nothing here ever reaches `eval` or
 * `new Function`. Grammar, lowest precedence first:
 *
 *   expr       := additive (cmpOp additive)?          (comparisons do not chain: `a < b < c` is an error)
 *   additive   := multiplicative (('+' | '-') multiplicative)*      left-associative
 *   multiplicative := unary (('*' | '/') unary)*                     left-associative
 *   unary      := '-' unary | primary
 *   primary    := number | reference | call | '(' expr ')'
 *   reference  := IDENT ('.' member)?         e.g. SINH_SONG (its total), SINH_SONG.nam
 *   call       := fn '(' expr (',' expr)* ')' fn ∈ sum, if, min, max, abs, round, count
 *   cmpOp      := '=' | '==' | '!=' | '<>' | '<' | '<=' | '>' | '>='
 *
 * Columns are 1-based positions in the expression text, so an outline error can point at them.
 */

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithOp = '+' | '-' | '*' | '/';
export const FUNCTIONS = ['sum', 'if', 'min', 'max', 'abs', 'round', 'count'] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

/** A node of a parsed expression. `column` is where the node starts (1-based). */
export type Expr =
  | { kind: 'number'; value: number; column: number }
  /** `code` is the input code (or, in a derived cell, a member of the same input). */
  | { kind: 'ref'; code: string; member?: string; column: number; text: string }
  | { kind: 'neg'; arg: Expr; column: number }
  | { kind: 'arith'; op: ArithOp; left: Expr; right: Expr; column: number }
  | { kind: 'compare'; op: CompareOp; left: Expr; right: Expr; column: number }
  | { kind: 'call'; fn: FunctionName; args: Expr[]; column: number };

/** A problem in an expression, in Vietnamese, at a 1-based column of the expression text. */
export interface ExprError {
  message: string;
  column: number;
}

export type ParseResult = { ok: true; ast: Expr } | { ok: false; error: ExprError };

type Token =
  | { t: 'num'; value: number; column: number; text: string }
  | { t: 'ident'; text: string; column: number }
  | { t: 'op'; text: string; column: number }
  | { t: 'end'; column: number };

const OPERATORS = [
  '<=',
  '>=',
  '!=',
  '<>',
  '==',
  '+',
  '-',
  '*',
  '/',
  '(',
  ')',
  ',',
  '=',
  '<',
  '>',
  '.',
];

function tokenize(src: string): { ok: true; tokens: Token[] } | { ok: false; error: ExprError } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const column = i + 1;
    if (/[0-9]/.test(ch)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(src.slice(i)) as RegExpExecArray;
      const text = m[0];
      tokens.push({ t: 'num', value: Number(text), column, text });
      i += text.length;
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      const text = (/^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i)) as RegExpExecArray)[0];
      tokens.push({ t: 'ident', text, column });
      i += text.length;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op === undefined) {
      return fail(`Ký tự không hợp lệ "${ch}" trong biểu thức`, column);
    }
    tokens.push({ t: 'op', text: op, column });
    i += op.length;
  }
  tokens.push({ t: 'end', column: src.length + 1 });
  return { ok: true, tokens };
}

function fail(message: string, column: number): { ok: false; error: ExprError } {
  return { ok: false, error: { message, column } };
}

class ParseFailure {
  constructor(readonly error: ExprError) {}
}

const COMPARE: Record<string, CompareOp> = {
  '=': '=',
  '==': '=',
  '!=': '!=',
  '<>': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

const ARITY: Record<FunctionName, { min: number; max: number }> = {
  sum: { min: 1, max: Infinity },
  min: { min: 1, max: Infinity },
  max: { min: 1, max: Infinity },
  if: { min: 3, max: 3 },
  abs: { min: 1, max: 1 },
  round: { min: 1, max: 2 },
  count: { min: 1, max: 1 },
};

function describeToken(tok: Token): string {
  if (tok.t === 'end') return 'cuối biểu thức';
  return `"${tok.text}"`;
}

/** Nesting that any real formula stays far below, and far above what the stack can take. */
const MAX_DEPTH = 200;

/** Parses an expression. Never throws; a problem comes back with its column. */
export function parseExpr(text: string): ParseResult {
  const lexed = tokenize(text);
  if (!lexed.ok) return lexed;
  const tokens = lexed.tokens;
  let pos = 0;
  const peek = (): Token => tokens[pos] as Token;
  const next = (): Token => tokens[pos++] as Token;
  const isOp = (tok: Token, ...ops: string[]): boolean => tok.t === 'op' && ops.includes(tok.text);
  const error = (message: string, column: number): never => {
    throw new ParseFailure({ message, column });
  };

  function expression(): Expr {
    const left = additive();
    const tok = peek();
    if (tok.t === 'op' && tok.text in COMPARE) {
      next();
      const right = additive();
      const after = peek();
      if (after.t === 'op' && after.text in COMPARE) {
        error(
          'Không được nối hai phép so sánh liền nhau; dùng if(...) hoặc tách thành hai quy tắc',
          after.column,
        );
      }
      return {
        kind: 'compare',
        op: COMPARE[tok.text] as CompareOp,
        left,
        right,
        column: tok.column,
      };
    }
    return left;
  }

  function additive(): Expr {
    let left = multiplicative();
    for (;;) {
      const tok = peek();
      if (!isOp(tok, '+', '-')) return left;
      next();
      const right = multiplicative();
      left = {
        kind: 'arith',
        op: (tok as { text: string }).text as ArithOp,
        left,
        right,
        column: tok.column,
      };
    }
  }

  function multiplicative(): Expr {
    let left = unary();
    for (;;) {
      const tok = peek();
      if (!isOp(tok, '*', '/')) return left;
      next();
      const right = unary();
      left = {
        kind: 'arith',
        op: (tok as { text: string }).text as ArithOp,
        left,
        right,
        column: tok.column,
      };
    }
  }

  // Every level of brackets, calls and signs passes through unary(): bounding it keeps a
  // hostile outline (`((((...1))))` 100 000 deep) an error with a column, not a stack overflow.
  let depth = 0;
  function unary(): Expr {
    const tok = peek();
    if (++depth > MAX_DEPTH)
      error(`Biểu thức lồng quá sâu (quá ${MAX_DEPTH} tầng ngoặc hoặc dấu)`, tok.column);
    let out: Expr;
    if (isOp(tok, '-')) {
      next();
      out = { kind: 'neg', arg: unary(), column: tok.column };
    } else if (isOp(tok, '+')) {
      next();
      out = unary();
    } else out = primary();
    depth--;
    return out;
  }

  function primary(): Expr {
    const tok = next();
    if (tok.t === 'num') return { kind: 'number', value: tok.value, column: tok.column };
    if (tok.t === 'op' && tok.text === '(') {
      const inner = expression();
      const close = next();
      if (!isOp(close, ')')) error(`Thiếu dấu ")" đóng ngoặc mở ở cột ${tok.column}`, close.column);
      return inner;
    }
    if (tok.t === 'ident') {
      if (isOp(peek(), '(')) return call(tok);
      let member: string | undefined;
      let text = tok.text;
      if (isOp(peek(), '.')) {
        next();
        const m = next();
        if (m.t !== 'ident') {
          error(`Sau dấu chấm cần tên cột phân tổ (ví dụ ${tok.text}.nu)`, m.column);
        }
        member = (m as { text: string }).text;
        text = `${tok.text}.${member}`;
      }
      return member === undefined
        ? { kind: 'ref', code: tok.text, column: tok.column, text }
        : { kind: 'ref', code: tok.text, member, column: tok.column, text };
    }
    if (tok.t === 'end')
      return error('Biểu thức kết thúc đột ngột; thiếu một số hoặc mã chỉ tiêu', tok.column);
    return error(
      `Không mong đợi ${describeToken(tok)} ở đây; cần một số, một mã (ví dụ SINH_SONG.nu) hoặc "("`,
      tok.column,
    );
  }

  function call(name: Token & { t: 'ident' }): Expr {
    const fn = name.text.toLowerCase();
    if (!(FUNCTIONS as readonly string[]).includes(fn)) {
      error(`Hàm "${name.text}" không có; chỉ dùng được: ${FUNCTIONS.join(', ')}`, name.column);
    }
    next(); // '('
    const args: Expr[] = [];
    if (!isOp(peek(), ')')) {
      for (;;) {
        args.push(expression());
        const sep = next();
        if (isOp(sep, ')')) break;
        if (!isOp(sep, ','))
          error(
            `Cần dấu "," hoặc ")" trong lời gọi hàm ${fn}, gặp ${describeToken(sep)}`,
            sep.column,
          );
      }
    } else {
      next();
    }
    const arity = ARITY[fn as FunctionName];
    if (args.length < arity.min || args.length > arity.max) {
      const want =
        arity.min === arity.max
          ? `đúng ${arity.min}`
          : arity.max === Infinity
            ? `ít nhất ${arity.min}`
            : `từ ${arity.min} đến ${arity.max}`;
      error(`Hàm ${fn} cần ${want} đối số, đang có ${args.length}`, name.column);
    }
    if (fn === 'count' && args[0]?.kind !== 'ref') {
      error('Hàm count(...) nhận đúng một mã số liệu, ví dụ count(UBND_CO_LDCC_NU)', name.column);
    }
    return { kind: 'call', fn: fn as FunctionName, args, column: name.column };
  }

  try {
    if (peek().t === 'end') return fail('Biểu thức trống', 1);
    const ast = expression();
    const rest = peek();
    if (rest.t !== 'end') {
      error(
        `Thừa ${describeToken(rest)} sau khi biểu thức đã kết thúc (thiếu phép tính hoặc dấu ngoặc?)`,
        rest.column,
      );
    }
    return { ok: true, ast };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.error };
    throw e;
  }
}

/** A reference to an input (or its member) found in an expression. */
export interface ExprRef {
  code: string;
  member?: string;
  column: number;
  text: string;
  /** True inside `count(...)`: the number of units that reported it, not its value. */
  counted: boolean;
}

/** Every reference in source order (duplicates kept, so each can be located). */
export function references(ast: Expr): ExprRef[] {
  const out: ExprRef[] = [];
  const walk = (e: Expr, counted: boolean): void => {
    switch (e.kind) {
      case 'number':
        return;
      case 'ref': {
        const r: ExprRef = { code: e.code, column: e.column, text: e.text, counted };
        if (e.member !== undefined) r.member = e.member;
        out.push(r);
        return;
      }
      case 'neg':
        return walk(e.arg, counted);
      case 'arith':
      case 'compare':
        walk(e.left, counted);
        return walk(e.right, counted);
      case 'call':
        for (const a of e.args) walk(a, counted || e.fn === 'count');
        return;
    }
  };
  walk(ast, false);
  return out;
}

/**
 * Checks every reference with a resolver that returns a Vietnamese problem or undefined.
 * Used by the outline loader so that an unknown input or member is reported at its column.
 */
export function checkReferences(
  ast: Expr,
  resolve: (ref: ExprRef) => string | undefined,
): ExprError[] {
  const errors: ExprError[] = [];
  for (const ref of references(ast)) {
    const message = resolve(ref);
    if (message !== undefined) errors.push({ message, column: ref.column });
  }
  return errors;
}

export interface DivisionByZero {
  error: 'division-by-zero';
  column: number;
}
export type EvalResult = number | null | DivisionByZero;

/**
 * Supplies values: `(code, member)` is a cell's value, or null when it is missing (blank,
 * not reported, not applicable). With `counted` true it is the number of units that reported
 * the input (the aggregator knows; for one unit's own data it is 1 or 0).
 */
export type Lookup = (code: string, member: string | undefined, counted: boolean) => number | null;

export function isDivisionByZero(v: EvalResult): v is DivisionByZero {
  return typeof v === 'object' && v !== null;
}

/**
 * Evaluates an expression. A missing value makes the whole result null (the caller applies
 * the outline's missing-value strategy, e.g. by returning 0 from `lookup` for `never_skip`);
 * a division by zero is reported, never Infinity or NaN. Comparisons give 1 (true) or 0.
 * `if(c, a, b)` evaluates only the branch it takes, so `if(B = 0, 0, A / B)` is safe.
 */
export function evaluate(ast: Expr, lookup: Lookup): EvalResult {
  switch (ast.kind) {
    case 'number':
      return ast.value;
    case 'ref':
      return lookup(ast.code, ast.member, false);
    case 'neg': {
      const v = evaluate(ast.arg, lookup);
      return typeof v === 'number' ? -v : v;
    }
    case 'arith': {
      const l = evaluate(ast.left, lookup);
      if (typeof l !== 'number') return l;
      const r = evaluate(ast.right, lookup);
      if (typeof r !== 'number') return r;
      switch (ast.op) {
        case '+':
          return l + r;
        case '-':
          return l - r;
        case '*':
          return l * r;
        case '/':
          return r === 0 ? { error: 'division-by-zero', column: ast.column } : l / r;
      }
      break;
    }
    case 'compare': {
      const l = evaluate(ast.left, lookup);
      if (typeof l !== 'number') return l;
      const r = evaluate(ast.right, lookup);
      if (typeof r !== 'number') return r;
      return compare(l, ast.op, r) ? 1 : 0;
    }
    case 'call':
      return call(ast.fn, ast.args, lookup);
  }
  return null;
}

/** Tolerance for `=` and `!=`: sums of decimals (percent, money) rarely compare exactly. */
const EPSILON = 1e-9;

export function compare(l: number, op: CompareOp, r: number): boolean {
  const eq = Math.abs(l - r) <= EPSILON * Math.max(1, Math.abs(l), Math.abs(r));
  switch (op) {
    case '=':
      return eq;
    case '!=':
      return !eq;
    case '<':
      return l < r && !eq;
    case '<=':
      return l < r || eq;
    case '>':
      return l > r && !eq;
    case '>=':
      return l > r || eq;
  }
}

function call(fn: FunctionName, args: Expr[], lookup: Lookup): EvalResult {
  if (fn === 'count') {
    const ref = args[0];
    return ref?.kind === 'ref' ? lookup(ref.code, ref.member, true) : null;
  }
  if (fn === 'if') {
    const cond = evaluate(args[0] as Expr, lookup);
    if (typeof cond !== 'number') return cond;
    return evaluate((cond !== 0 ? args[1] : args[2]) as Expr, lookup);
  }
  const values: number[] = [];
  for (const a of args) {
    const v = evaluate(a, lookup);
    if (typeof v !== 'number') return v;
    values.push(v);
  }
  switch (fn) {
    case 'sum':
      return values.reduce((s, v) => s + v, 0);
    case 'min':
      return Math.min(...values);
    case 'max':
      return Math.max(...values);
    case 'abs':
      return Math.abs(values[0] as number);
    case 'round': {
      const d = Math.max(0, Math.min(10, Math.trunc(values[1] ?? 0)));
      const f = 10 ** d;
      // Half away from zero, as Vietnamese reports round (35,45 -> 35,5), with a nudge for
      // binary representation (1.005 is stored as 1.00499...).
      const x = values[0] as number;
      return (Math.sign(x) * Math.round(Math.abs(x) * f + 1e-9)) / f;
    }
  }
}

const PRECEDENCE: Record<Expr['kind'], number> = {
  compare: 1,
  arith: 2,
  neg: 4,
  number: 5,
  ref: 5,
  call: 5,
};

function prec(e: Expr): number {
  if (e.kind === 'arith') return e.op === '+' || e.op === '-' ? 2 : 3;
  return PRECEDENCE[e.kind];
}

/** Canonical text of an expression (for `bctd outline` and messages): `SINH_SONG.nam / SINH_SONG.nu`. */
export function formatExpr(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return String(e.value);
    case 'ref':
      return e.text;
    case 'neg': {
      const inner = formatExpr(e.arg);
      return prec(e.arg) < 4 ? `-(${inner})` : `-${inner}`;
    }
    case 'arith':
    case 'compare': {
      const p = prec(e);
      const l = formatExpr(e.left);
      const r = formatExpr(e.right);
      // Left-associative: the right operand needs brackets at equal precedence (8 - (3 - 2)).
      // Comparisons do not chain at all, so a comparison inside one is bracketed on either side.
      const lt = prec(e.left) < p || (e.kind === 'compare' && prec(e.left) === p) ? `(${l})` : l;
      const rt = prec(e.right) <= p ? `(${r})` : r;
      return `${lt} ${e.op} ${rt}`;
    }
    case 'call':
      return `${e.fn}(${e.args.map(formatExpr).join(', ')})`;
  }
}
