/**
 * velocityjs with Velocity 1.7's truth rules, which API Gateway has: in `#if`, `&&`, `||` and `!`
 * only null and `false` are false, so `#if("")` and `#if(0)` are true (JavaScript says false).
 * Templates written for AWS therefore test emptiness explicitly (`#if("$!x" != "")`), and must
 * behave the same here.
 */
import velocity from 'velocityjs';

interface Ast {
  readonly type: string;
  readonly condition?: Ast;
  readonly expression?: Ast[];
  readonly operator?: string;
}

interface Internals {
  contextId: string;
  getExpression(ast: Ast): unknown;
  renderAstList(asts: Ast[], contextId?: string): string;
}

const javaTruthy = (value: unknown): boolean => value !== undefined && value !== null && value !== false;

export class JavaVelocityCompile extends velocity.Compile {}

const proto = JavaVelocityCompile.prototype as unknown as Internals & { getBlockIf(block: Ast[]): string };
const baseGetExpression = (velocity.Compile.prototype as unknown as Internals).getExpression;

proto.getExpression = function getExpression(this: Internals, ast: Ast): unknown {
  if (ast.type === 'math' && ast.expression) {
    const [left, right] = ast.expression;
    if (ast.operator === '&&')
      return javaTruthy(this.getExpression(left)) && javaTruthy(this.getExpression(right));
    if (ast.operator === '||')
      return javaTruthy(this.getExpression(left)) || javaTruthy(this.getExpression(right));
    if (ast.operator === 'not') return !javaTruthy(this.getExpression(left));
  }
  return baseGetExpression.call(this, ast);
};

proto.getBlockIf = function getBlockIf(this: Internals, block: Ast[]): string {
  let taken = false;
  const asts: Ast[] = [];
  for (const ast of block) {
    const hasCondition = ast.type === 'if' || ast.type === 'elseif';
    if (!hasCondition && ast.type !== 'else') {
      if (taken) asts.push(ast);
      continue;
    }
    if (taken) break;
    taken = hasCondition ? javaTruthy(this.getExpression(ast.condition!)) : true;
  }
  return this.renderAstList(asts, this.contextId);
};
