/**
 * Indicator formulas: arithmetic over metric names (`pqrs.answered + pqrs.overdue`), parsed by a
 * small recursive-descent parser into a tree that is evaluated against metric values; never eval.
 *
 *   expression := term (('+' | '-') term)*
 *   term       := factor (('*' | '/') factor)*
 *   factor     := number | metric | '(' expression ')' | '-' factor
 *   metric     := name ('.' name)*        name := [a-z][a-z0-9_]*
 */
export type Formula =
  | { kind: 'number'; value: number }
  | { kind: 'metric'; name: string }
  | { kind: 'negate'; operand: Formula }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: Formula; right: Formula };

/** A formula that does not parse; `position` is the 0-based offset of the problem. */
export class FormulaError extends Error {
  override name = 'FormulaError';
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

type Token =
  | { kind: 'number'; value: number; at: number }
  | { kind: 'metric'; name: string; at: number }
  | { kind: 'op'; op: '+' | '-' | '*' | '/' | '(' | ')'; at: number }
  | { kind: 'end'; at: number };

const METRIC = /[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*/y;
const NUMBER = /\d+(?:\.\d+)?/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text[at]!;
    if (/\s/.test(char)) {
      at += 1;
      continue;
    }
    if ('+-*/()'.includes(char)) {
      tokens.push({ kind: 'op', op: char as '+', at });
      at += 1;
      continue;
    }
    NUMBER.lastIndex = at;
    const number = NUMBER.exec(text);
    if (number) {
      tokens.push({ kind: 'number', value: Number(number[0]), at });
      at += number[0].length;
      continue;
    }
    METRIC.lastIndex = at;
    const metric = METRIC.exec(text);
    if (metric) {
      tokens.push({ kind: 'metric', name: metric[0], at });
      at += metric[0].length;
      continue;
    }
    throw new FormulaError(`carácter inesperado «${char}» en la posición ${at + 1}`, at);
  }
  tokens.push({ kind: 'end', at: text.length });
  return tokens;
}

export function parseFormula(text: string): Formula {
  const tokens = tokenize(text);
  let next = 0;
  const peek = () => tokens[next]!;
  // A plain boolean, not a type guard: a guard for some operators would rule out all of them.
  const isOp = (token: Token, ...ops: string[]): boolean => token.kind === 'op' && ops.includes(token.op);
  const opOf = (token: Token) => (token as Extract<Token, { kind: 'op' }>).op;

  function expression(): Formula {
    let left = term();
    for (let token = peek(); isOp(token, '+', '-'); token = peek()) {
      next += 1;
      left = { kind: 'binary', op: opOf(token) as '+' | '-', left, right: term() };
    }
    return left;
  }
  function term(): Formula {
    let left = factor();
    for (let token = peek(); isOp(token, '*', '/'); token = peek()) {
      next += 1;
      left = { kind: 'binary', op: opOf(token) as '*' | '/', left, right: factor() };
    }
    return left;
  }
  function factor(): Formula {
    const token = peek();
    next += 1;
    if (token.kind === 'number') return { kind: 'number', value: token.value };
    if (token.kind === 'metric') return { kind: 'metric', name: token.name };
    if (isOp(token, '-')) return { kind: 'negate', operand: factor() };
    if (isOp(token, '(')) {
      const inner = expression();
      const close = peek();
      if (!isOp(close, ')')) throw new FormulaError(`falta «)» en la posición ${close.at + 1}`, close.at);
      next += 1;
      return inner;
    }
    if (token.kind === 'end') throw new FormulaError('la fórmula termina antes de tiempo', token.at);
    throw new FormulaError(
      `se esperaba una métrica, un número o «(» en la posición ${token.at + 1}`,
      token.at,
    );
  }

  const formula = expression();
  const rest = peek();
  if (rest.kind !== 'end') throw new FormulaError(`sobra texto en la posición ${rest.at + 1}`, rest.at);
  return formula;
}

/** The metric names a formula uses, each once, in order of appearance. */
export function metricsIn(formula: Formula): string[] {
  const names = new Set<string>();
  const visit = (node: Formula) => {
    if (node.kind === 'metric') names.add(node.name);
    else if (node.kind === 'negate') visit(node.operand);
    else if (node.kind === 'binary') {
      visit(node.left);
      visit(node.right);
    }
  };
  visit(formula);
  return [...names];
}

/** The value of a formula; a metric with no value counts 0; null when it divides by zero. */
export function evaluate(formula: Formula, metric: (name: string) => number): number | null {
  switch (formula.kind) {
    case 'number':
      return formula.value;
    case 'metric':
      return metric(formula.name);
    case 'negate': {
      const operand = evaluate(formula.operand, metric);
      return operand === null ? null : -operand;
    }
    case 'binary': {
      const left = evaluate(formula.left, metric);
      const right = evaluate(formula.right, metric);
      if (left === null || right === null) return null;
      if (formula.op === '+') return left + right;
      if (formula.op === '-') return left - right;
      if (formula.op === '*') return left * right;
      return right === 0 ? null : left / right;
    }
  }
}
