// The fixed words of the condition language, Chinese first with English aliases.
// One table serves the lexer, the resolver, completions and hover.
import { EVENT_LEVELS } from '../../runtime/levels.js';

export { EVENT_LEVELS };

export type ValueType = 'bool' | 'count' | 'number' | 'ratio' | 'class' | 'risk' | 'string' | 'set' | 'event' | 'window' | 'item';

export interface FunctionSpec {
  /** Canonical (Chinese) name. */
  zh: string;
  en: string;
  /** Parameter kinds; `?` marks an optional trailing parameter. */
  params: { kind: 'set' | 'item' | 'event' | 'window' | 'level' | 'string'; optional?: boolean; zh: string; en: string }[];
  result: ValueType;
  /** May be written without parentheses when all parameters are optional. */
  doc: string;
  docEn: string;
}

export const FUNCTIONS: readonly FunctionSpec[] = [
  { zh: '通过数', en: 'passed', params: [{ kind: 'set', optional: true, zh: '项目集合', en: 'items' }], result: 'count', doc: '集合中“未发现问题（符合）”的项目数；不适用的项目不计。省略集合时为全部项目。', docEn: 'Number of passing items in the set (not-applicable items excluded); all items when omitted.' },
  { zh: '不通过数', en: 'failed', params: [{ kind: 'set', optional: true, zh: '项目集合', en: 'items' }], result: 'count', doc: '集合中“发现问题（不符合）”的项目数。', docEn: 'Number of failing items in the set.' },
  { zh: '作答数', en: 'answered', params: [{ kind: 'set', optional: true, zh: '项目集合', en: 'items' }], result: 'count', doc: '集合中适用并已作答的项目数（通过率的分母）。', docEn: 'Number of applicable, answered items in the set (the ratio denominator).' },
  { zh: '通过率', en: 'ratio', params: [{ kind: 'set', optional: true, zh: '项目集合', en: 'items' }], result: 'ratio', doc: '通过数 ÷ 作答数，与百分数比较时按分数精确计算（不存在舍入误差）。作答数为0时视为100%。', docEn: 'passed ÷ answered, compared exactly against percentages; 100% when nothing is answered.' },
  { zh: '全部通过', en: 'allPass', params: [{ kind: 'set', optional: true, zh: '项目集合', en: 'items' }], result: 'bool', doc: '集合中适用的项目全部“未发现问题（符合）”。', docEn: 'Every applicable item in the set passes.' },
  { zh: '任一不通过', en: 'anyFail', params: [{ kind: 'set', optional: true, zh: '项目集合', en: 'items' }], result: 'bool', doc: '集合中至少一项“发现问题（不符合）”。', docEn: 'At least one item in the set fails.' },
  { zh: '通过', en: 'passes', params: [{ kind: 'item', zh: '项目', en: 'item' }], result: 'bool', doc: '该项目“未发现问题（符合）”。', docEn: 'The item passes.' },
  { zh: '不通过', en: 'fails', params: [{ kind: 'item', zh: '项目', en: 'item' }], result: 'bool', doc: '该项目“发现问题（不符合）”。', docEn: 'The item fails.' },
  { zh: '不适用', en: 'notApplicable', params: [{ kind: 'item', zh: '项目', en: 'item' }], result: 'bool', doc: '该项目按其不适用条件被排除在通过率之外。', docEn: 'The item is excluded by its not-applicable condition.' },
  { zh: '次数', en: 'count', params: [{ kind: 'event', zh: '事件类型', en: 'event type' }, { kind: 'window', optional: true, zh: '时间窗口', en: 'window' }, { kind: 'level', optional: true, zh: '抽查级别', en: 'level' }], result: 'count', doc: '时间窗口内（截至检查日期）该类事件的次数，例如 次数(抽查不合格, 近3年)。省略窗口时为自上次评定以来。可再给抽查级别（国家、省级、市级、县级、省级以上、市级以上），只数该级别的事件，如 次数(抽查不合格, 近3年, 省级以上)；未记级别的事件不计入。', docEn: 'Number of events of the type in the window up to the inspection date; since the previous review when omitted. An optional sampling level (national, provincial, municipal, county, provincialOrAbove, municipalOrAbove) counts only events of that level; events without a level are not counted.' },
  { zh: '发生', en: 'occurred', params: [{ kind: 'event', zh: '事件类型', en: 'event type' }, { kind: 'window', optional: true, zh: '时间窗口', en: 'window' }, { kind: 'level', optional: true, zh: '抽查级别', en: 'level' }], result: 'bool', doc: '时间窗口内发生过该类事件（次数 ≥ 1）；可再给抽查级别，同“次数”。', docEn: 'At least one event of the type in the window; an optional sampling level as for count.' },
  { zh: '产品包含', en: 'hasProduct', params: [{ kind: 'string', zh: '产品名称', en: 'product' }], result: 'bool', doc: '企业的主要产品中包含该产品。', docEn: 'The enterprise makes the named product.' },
];

/** Built-in item sets. */
export const BUILTIN_SETS = [
  { zh: '全部', en: 'all', aliases: ['全部项目'], doc: '规则集的全部评定项目（细化后以子项目计）。', docEn: 'Every item of the rule set (sub-items counted, not their parents).' },
  { zh: '指向型', en: 'directive', aliases: ['★', '*', 'C类指向型'], doc: '带★的C类指向型项目。', docEn: 'The ★ C-directive items.' },
  { zh: '国家项目', en: 'national', aliases: [], doc: '国家通用规则的项目及其细化子项目。', docEn: 'National items and their sub-items.' },
  { zh: '补充项目', en: 'supplementary', aliases: [], doc: '省级补充的项目。', docEn: 'Supplementary provincial items.' },
] as const;

/** Built-in values read from the record. */
export const BUILTIN_VALUES = [
  { zh: '风险等级', en: 'riskLevel', type: 'risk' as ValueType, doc: '企业主要产品的综合风险等级（第二十条；取目录中最高者）。', docEn: 'Composite risk level of the main products (Art. 20, D6).' },
  { zh: '上次类别', en: 'previousClass', type: 'class' as ValueType, doc: '上次评定的类别；首次评定时不存在，与之比较的条件为假。', docEn: 'Previous class; comparisons are false at a first classification.' },
  { zh: '首次评定', en: 'firstClassification', type: 'bool' as ValueType, doc: '没有上次类别，即首次评定。', docEn: 'No previous class: a first classification.' },
] as const;

export function findEventLevel(name: string): (typeof EVENT_LEVELS)[number] | undefined {
  return EVENT_LEVELS.find((l) => l.zh === name || l.en === name || (l.aliases as readonly string[]).includes(name));
}

export const KEYWORDS = {
  and: ['且', '并且', '而且', 'and', 'AND'],
  or: ['或', '或者', 'or', 'OR'],
  not: ['非', 'not', 'NOT'],
  true: ['真', '是', 'true'],
  false: ['假', '否', 'false'],
} as const;

export function findFunction(name: string): FunctionSpec | undefined {
  return FUNCTIONS.find((f) => f.zh === name || f.en === name);
}

export function findBuiltinSet(name: string): (typeof BUILTIN_SETS)[number] | undefined {
  return BUILTIN_SETS.find((s) => s.zh === name || s.en === name || (s.aliases as readonly string[]).includes(name));
}

export function findBuiltinValue(name: string): (typeof BUILTIN_VALUES)[number] | undefined {
  return BUILTIN_VALUES.find((v) => v.zh === name || v.en === name);
}
