// Conditions of a rule file in plain words for the printed rules (实施细则): 通过率 < 72% →
// “通过率（通过项目数 ÷ 作答项目数）低于72%（不含72%）”. The expression itself is printed beside
// it, so the words only need to be faithful, not exhaustive.
import type { Expr } from '../../grammar/expr/ast.js';
import type { RuleSetModel } from '../../compiler/index.js';
import { findEventLevel } from '../../grammar/expr/vocabulary.js';

const OPS: Record<string, [string, string]> = {
  '<': ['低于', '（不含本数）'],
  '<=': ['不高于', '（含本数）'],
  '>': ['高于', '（不含本数）'],
  '>=': ['不低于', '（含本数）'],
  '=': ['等于', ''],
  '!=': ['不等于', ''],
};

const SETS: Record<string, string> = {
  全部: '全部项目', 全部项目: '全部项目', all: '全部项目',
  指向型: '指向型（★）项目', '★': '指向型（★）项目', '*': '指向型（★）项目', C类指向型: '指向型（★）项目', directive: '指向型（★）项目',
  国家项目: '国家项目（含细化子项目）', national: '国家项目（含细化子项目）',
  补充项目: '省级补充项目', supplementary: '省级补充项目',
};

const CALLS: Record<string, string> = {
  通过数: '通过数', passed: '通过数', 不通过数: '不通过数', failed: '不通过数', 作答数: '作答数', answered: '作答数', 通过率: '通过率', ratio: '通过率',
  全部通过: '全部通过', allPass: '全部通过', 任一不通过: '任一不通过', anyFail: '任一不通过', 通过: '通过', passes: '通过', 不通过: '不通过', fails: '不通过',
  不适用: '不适用', notApplicable: '不适用', 次数: '次数', count: '次数', 发生: '发生', occurred: '发生', 产品包含: '产品包含', hasProduct: '产品包含',
};

// A yes/no fact is named by what holds (涉及行政许可, 持有生产许可证, 小微企业); its negation reads as
// Chinese does: 不涉及行政许可, 未持有生产许可证, 不是小微企业 — never “不是涉及行政许可”.
const NOT_YET = ['持有', '取得', '获得'];
const VERB_LEADS = ['涉及', '属于', '具有', '具备', '使用', '采用', '从事', '生产', '实行', '纳入', '列入', '通过', '存在', '在', '是', '为'];

export function negatedFact(name: string): string {
  if (name.startsWith('已')) return `未${name.slice(1)}`;
  if (name.startsWith('有')) return `无${name.slice(1)}`;
  if (NOT_YET.some((v) => name.startsWith(v))) return `未${name}`;
  if (name.startsWith('是')) return `不${name}`;
  if (VERB_LEADS.some((v) => name.startsWith(v))) return `不${name}`;
  return `不是${name}`;
}

// long: one case per kind of expression (w), with the words for sets, windows and values beside it.
export function conditionWords(ast: Expr, model: RuleSetModel): string {
  const facts = new Set(model.facts.map((f) => f.name));
  const groups = model.groups;
  const events = new Set(model.events.flatMap((e) => (e.en ? [e.name, e.en] : [e.name])));

  const setWords = (e: Expr | undefined): string => {
    if (!e) return '全部项目';
    if (e.kind === 'name') return SETS[e.name] ?? (groups.has(e.name) ? `“${e.name}”组项目` : e.name);
    if (e.kind === 'item') return `第${e.id}项`;
    if (e.kind === 'set') return e.elements.map((x) => setWords(x)).join('、');
    return w(e);
  };
  const windowWords = (e: Expr | undefined): string => {
    if (!e || e.kind !== 'window' || e.unit === 'review') return '自上次评定以来';
    return `近${e.amount}${{ year: '年', month: '个月', day: '天' }[e.unit]}内`;
  };
  const value = (e: Expr): string => {
    switch (e.kind) {
      case 'percent':
        return e.text || `${(e.num / e.den) * 100}%`;
      case 'class':
        return `${e.value}类`;
      case 'risk':
        return ['', 'Ⅰ级（高风险）', 'Ⅱ级（较高风险）', 'Ⅲ级（一般风险）'][e.level]!;
      default:
        return w(e);
    }
  };
  // long: one case per kind of expression, each a phrase.
  const w = (e: Expr): string => {
    switch (e.kind) {
      case 'or':
        return e.operands.map((o) => w(o)).join('，或者');
      case 'and':
        return e.operands.map((o) => w(o)).join('，并且');
      case 'not':
        if (e.operand.kind === 'name' && facts.has(e.operand.name)) return negatedFact(e.operand.name);
        return `不满足“${w(e.operand)}”`;
      case 'compare': {
        const [op, incl] = OPS[e.op]!;
        const right = value(e.right);
        const left = w(e.left);
        const ratio = e.right.kind === 'percent';
        return `${left}${op}${right}${ratio || e.right.kind === 'number' ? incl : ''}`;
      }
      case 'arith':
        return `${w(e.left)} ${e.op} ${w(e.right)}`;
      case 'neg':
        return `-${w(e.operand)}`;
      case 'number':
        return e.text || String(e.value);
      case 'percent':
        return value(e);
      case 'string':
        return `“${e.value}”`;
      case 'bool':
        return e.value ? '是' : '否';
      case 'class':
      case 'risk':
        return value(e);
      case 'item':
        return `第${e.id}项`;
      case 'window':
        return windowWords(e);
      case 'set':
        return setWords(e);
      case 'name': {
        if (facts.has(e.name)) return `${e.name}`;
        if (e.name === '首次评定' || e.name === 'firstClassification') return '首次评定（无上次类别）';
        if (e.name === '风险等级' || e.name === 'riskLevel') return '主要产品的综合风险等级';
        if (e.name === '上次类别' || e.name === 'previousClass') return '上次类别';
        if (CALLS[e.name]) return w({ kind: 'call', callee: e.name, calleeSpan: e, args: [], start: e.start, end: e.end });
        return setWords(e);
      }
      case 'call': {
        const f = CALLS[e.callee] ?? e.callee;
        const [a] = e.args;
        switch (f) {
          case '通过率':
            return `${a ? setWords(a) + '的' : ''}通过率（通过项目数 ÷ 作答项目数）`;
          case '通过数':
            return `${setWords(a)}中通过（未发现问题/符合）的项目数`;
          case '不通过数':
            return `${setWords(a)}中不通过（发现问题/不符合）的项目数`;
          case '作答数':
            return `${setWords(a)}中作答的项目数`;
          case '全部通过':
            return `${setWords(a)}全部通过（未发现问题/符合）`;
          case '任一不通过':
            return `${setWords(a)}中任一项不通过（发现问题/不符合）`;
          case '通过':
            return `${setWords(a)}通过`;
          case '不通过':
            return `${setWords(a)}不通过`;
          case '不适用':
            return `${setWords(a)}不适用`;
          case '次数':
            return `${windowWords(windowArg(e.args))}${levelWords(e.args)}${a ? eventName(a) : ''}的次数`;
          case '发生':
            return `${windowWords(windowArg(e.args))}发生过${levelWords(e.args)}${a ? eventName(a) : ''}`;
          case '产品包含':
            return `主要产品包含${a ? w(a) : ''}`;
          default:
            return `${e.callee}(${e.args.map((x) => w(x)).join('，')})`;
        }
      }
      default:
        return '（无法解读的条件）';
    }
  };
  // 次数(事件, 窗口?, 级别?): the window and the sampling level (第十一条 省级以上) as written.
  const windowArg = (args: Expr[]) => args.slice(1).find((x) => x.kind === 'window');
  const levelWords = (args: Expr[]) => {
    const l = args.slice(1).find((x) => x.kind === 'name' && findEventLevel(x.name));
    return l && l.kind === 'name' ? `${findEventLevel(l.name)!.zh}抽查的` : '';
  };
  const eventName = (e: Expr) => (e.kind === 'name' && events.has(e.name) ? `“${e.name}”` : w(e));
  return w(ast);
}
