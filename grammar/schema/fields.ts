// The shape of a rule file. Every key has a Chinese name (canonical, what users
// write) and an English alias. This table is the single source for the JSON Schema
// (grammar/rules.schema.json), the normaliser and the editor's key completions.
import { riskLevelOf, RISK_LEVEL_NAMES } from '../../runtime/risk-levels.js';
import { CLASSES_BEST_FIRST, MODES_LIGHTEST_FIRST } from '../../runtime/classes.js';

export type FieldType =
  | { t: 'string'; enum?: readonly string[]; pattern?: string }
  | { t: 'id' } // string or number, read as a string ("1" and 1 are the same id)
  | { t: 'date' }
  | { t: 'boolean' }
  | { t: 'integer'; min?: number; max?: number }
  | { t: 'expr' } // a condition in the expression language
  | { t: 'array'; of: FieldType }
  | { t: 'object'; of: string } // a named object kind below
  | { t: 'map'; of: FieldType; keys?: readonly string[] } // free keys (or a fixed set)
  | { t: 'oneOf'; of: FieldType[] };

export interface FieldSpec {
  zh: string;
  en: string;
  type: FieldType;
  required?: boolean;
  doc: string;
  docEn: string;
}

export type ObjectSpec = Record<string, FieldSpec>;

const str: FieldType = { t: 'string' };
/** English mode names, in the order of MODES_LIGHTEST_FIRST. */
export const MODE_EN = ['credit', 'responsibility', 'routine', 'tightened'] as const;
export const ANSWER_PAIRS = ['发现问题/未发现问题', '符合/不符合'] as const;
export const METHODS = ['查阅资料', '现场核查', '产品抽样检验'] as const;
export const FACT_TYPES = ['布尔', '数值', '枚举', 'boolean', 'number', 'enum'] as const;
const modeName: FieldType = { t: 'string', enum: [...MODES_LIGHTEST_FIRST, ...MODE_EN] };
const className: FieldType = { t: 'string', enum: CLASSES_BEST_FIRST };
const condition: FieldType = { t: 'oneOf', of: [{ t: 'expr' }, { t: 'object', of: 'condition' }] };
/** The plain 说明 of the rule set, a group, fact, event or condition. */
const description: FieldSpec = { zh: '说明', en: 'description', type: str, doc: '说明。', docEn: 'Description.' };

export const OBJECTS: Record<string, ObjectSpec> = {
  ruleFile: {
    meta: { zh: '元数据', en: 'meta', type: { t: 'object', of: 'meta' }, required: true, doc: '规则集的名称、地区、版本、生效日期和所依据的国家规则。', docEn: 'Name, region, version, effective date and base of the rule set.' },
    items: { zh: '项目', en: 'items', type: { t: 'array', of: { t: 'object', of: 'item' } }, doc: '评定项目（检查表的条目）。省级细则只写补充或细化的项目。', docEn: 'Checklist items. A province lists only supplementary and refining items.' },
    inheritItems: { zh: '继承国家项目', en: 'inheritItems', type: { t: 'boolean' }, doc: '省级细则是否自动保留未细化的国家项目（默认“是”）。设为“否”时须完整列出全部项目，每个国家项目都要保留或细化。', docEn: 'Whether unrefined national items are kept automatically (default true). When false the province lists its whole checklist.' },
    adjust: { zh: '调整', en: 'adjust', type: { t: 'array', of: { t: 'object', of: 'adjustment' } }, doc: '对国家项目的调整：加为指向型（★）或设不适用条件。', docEn: 'Adjustments of national items: make them ★, or give a not-applicable condition.' },
    groups: { zh: '分组', en: 'groups', type: { t: 'array', of: { t: 'object', of: 'group' } }, doc: '命名的项目集合，可在条件中使用。', docEn: 'Named item sets usable in conditions.' },
    facts: { zh: '企业信息', en: 'facts', type: { t: 'array', of: { t: 'object', of: 'fact' } }, doc: '条件中使用的企业基本情况（如规模以上）。', docEn: 'Enterprise facts read by conditions.' },
    events: { zh: '事件类型', en: 'events', type: { t: 'array', of: { t: 'object', of: 'event' } }, doc: '企业历史中的事件类型（第二十一条降级情形等）。', docEn: 'Event types of the enterprise history (Art. 21 triggers etc.).' },
    classification: { zh: '分类', en: 'classification', type: { t: 'object', of: 'classification' }, doc: 'AA、A、B、C 四类的判定条件（通用规则备注（二））。', docEn: 'Conditions of the four classes (General Rules remark (二)).' },
    modes: { zh: '监管方式', en: 'modes', type: { t: 'array', of: { t: 'object', of: 'mode' } }, doc: '四种监管方式及其措施（第十八条）。', docEn: 'The four supervision modes and their measures (Art. 18).' },
    classModes: { zh: '类别监管方式', en: 'classModes', type: { t: 'object', of: 'classModes' }, doc: '各类别对应的监管方式（第十八条）。', docEn: 'Mode of each class (Art. 18).' },
    riskModes: { zh: '风险调整', en: 'riskModes', type: { t: 'object', of: 'riskModes' }, doc: '按产品风险等级调整监管方式（第二十条）：“下调一级”或逐类指定。', docEn: 'Mode by risk level (Art. 20): "下调一级" (one step stricter) or a mode per class.' },
    review: { zh: '动态调整', en: 'review', type: { t: 'object', of: 'review' }, doc: '分类的动态调整（第二十一条）。', docEn: 'Dynamic adjustment (Art. 21).' },
    scope: { zh: '适用范围', en: 'scope', type: { t: 'object', of: 'scope' }, doc: '不适用本办法的产品类别（第二条）。', docEn: 'Product categories outside the Measures (Art. 2).' },
    catalogues: { zh: '产品目录', en: 'catalogues', type: { t: 'array', of: str }, doc: '产品目录文件（第二十条）：国家重点工业产品质量监督目录和本地区增加的Ⅰ级、Ⅱ级产品，按版本和生效日期另存为目录文件；写相对本文件的路径。判定时用检查日期有效的版本。', docEn: 'Catalogue files (Art. 20): the national key product catalogue and the local Level Ⅰ/Ⅱ additions, dated and versioned, as paths relative to this file. A decision uses the versions in force on the inspection date.' },
    riskLevelRequired: { zh: '风险等级必填', en: 'riskLevelRequired', type: { t: 'boolean' }, doc: '综合风险等级必须确定（第二十条）：主要产品都不在有效的产品目录中、检查表也未勾选风险等级时，记录出错（FL5020），而不是给出警告（FL5120）。', docEn: 'The composite risk level must be determined (Art. 20): a record whose products are in no catalogue in force and that ticks no level is an error (FL5020) instead of a warning (FL5120).' },
  },
  catalogueFile: {
    meta: { zh: '元数据', en: 'meta', type: { t: 'object', of: 'catalogueMeta' }, required: true, doc: '目录的名称、地区、版本和生效日期。', docEn: 'Name, region, version and effective date of the catalogue.' },
    products: { zh: '产品', en: 'products', type: { t: 'array', of: { t: 'object', of: 'product' } }, required: true, doc: '目录中的产品及其风险等级（第二十条）。', docEn: 'Products of the catalogue with their risk levels (Art. 20).' },
  },
  catalogueMeta: {
    name: { zh: '名称', en: 'name', type: str, required: true, doc: '目录名称，如“重点工业产品质量监督目录”。', docEn: 'Name of the catalogue.' },
    region: { zh: '地区', en: 'region', type: str, required: true, doc: '“全国”为国家目录；其他地区名为该地区增加的Ⅰ级、Ⅱ级产品目录（第二十条）。', docEn: '全国 for the national catalogue; another region name for that region\'s Level Ⅰ/Ⅱ additions (Art. 20).' },
    version: { zh: '版本', en: 'version', type: { t: 'id' }, required: true, doc: '版本号，写入判定结果。', docEn: 'Version, named in decisions.' },
    effective: { zh: '生效日期', en: 'effective', type: { t: 'date' }, required: true, doc: '生效日期（YYYY-MM-DD）；检查日期在此之前时不用本版本。', docEn: 'Effective date (YYYY-MM-DD).' },
    expires: { zh: '失效日期', en: 'expires', type: { t: 'date' }, doc: '失效日期（当日起不再使用）；不写时直到同一地区的较新版本生效。', docEn: 'Date from which this version no longer applies; without it, until a newer version of the same region takes effect.' },
    illustrative: { zh: '示例目录', en: 'illustrative', type: { t: 'boolean' }, doc: '是否为示例目录（不是正式发布的目录）；判定说明和文档会注明。', docEn: 'Whether the catalogue is illustrative (not a published one); traces and documents say so.' },
    description: { zh: '说明', en: 'description', type: str, doc: '说明，如发布文件的文号。', docEn: 'Description, e.g. the publishing notice.' },
  },
  meta: {
    name: { zh: '名称', en: 'name', type: str, required: true, doc: '规则集名称。', docEn: 'Name of the rule set.' },
    region: { zh: '地区', en: 'region', type: str, required: true, doc: '适用地区，如“全国”“浙江省”。', docEn: 'Region, e.g. 全国 or a province.' },
    version: { zh: '版本', en: 'version', type: { t: 'id' }, required: true, doc: '版本号。', docEn: 'Version.' },
    effective: { zh: '生效日期', en: 'effective', type: { t: 'date' }, doc: '生效日期（YYYY-MM-DD）。省级细则必须写明；施行日期不详的规则（如国家基线）可不写，视为一直有效。', docEn: 'Effective date (YYYY-MM-DD). Required of a province; rules whose start date is unknown (the national baseline) may omit it and count as in force from the start.' },
    expires: { zh: '失效日期', en: 'expires', type: { t: 'date' }, doc: '失效日期（当日起不再适用）。', docEn: 'Date from which the rules no longer apply.' },
    base: { zh: '基于', en: 'base', type: str, doc: '所依据的规则集：national 表示国家通用规则，或相对路径。', docEn: 'Base rule set: "national" or a relative path.' },
    baseVersion: { zh: '基于版本', en: 'baseVersion', type: { t: 'id' }, doc: '所依据的国家规则版本。', docEn: 'Version of the base it was written against.' },
    description,
  },
  item: {
    id: { zh: '编号', en: 'id', type: { t: 'id' }, required: true, doc: '项目编号，如 1、6.1、补1。', docEn: 'Item id, e.g. 1, 6.1, S1.' },
    text: { zh: '内容', en: 'text', type: str, required: true, doc: '检查表上的项目内容。', docEn: 'Item text as on the form.' },
    answers: { zh: '答案', en: 'answers', type: { t: 'string', enum: [...ANSWER_PAIRS, 'problem', 'conform'] }, required: true, doc: '答案形式：“发现问题/未发现问题”或“符合/不符合”。', docEn: 'Answer pair: problem-found or conforms.' },
    directive: { zh: '指向型', en: 'directive', type: { t: 'boolean' }, doc: '是否为C类指向型项目（★）：该项不通过直接判为C类。', docEn: 'C-directive (★): failing it makes the enterprise C.' },
    article: { zh: '依据', en: 'article', type: str, doc: '出处，如“通用规则第二部分第1项”。', docEn: 'Source article.' },
    methods: { zh: '检查方式', en: 'methods', type: { t: 'array', of: { t: 'string', enum: METHODS } }, doc: '检查方式（第十九条）：查阅资料、现场核查、产品抽样检验。', docEn: 'Inspection methods (Art. 19).' },
    refines: { zh: '细化', en: 'refines', type: { t: 'id' }, doc: '本项细化的国家项目编号。', docEn: 'National item this item refines.' },
    notApplicableWhen: { zh: '不适用条件', en: 'notApplicableWhen', type: { t: 'expr' }, doc: '满足该条件时本项不适用，不计入通过率（D2）。', docEn: 'When true the item is not applicable and left out of the ratio (D2).' },
    verifyAssumption: { zh: '验证假设', en: 'verifyAssumption', type: str, doc: '本项不适用时，假定国家检查人员对它所对应的国家项目勾选“通过”，并写明理由（如：无生产许可证的企业，国家第17项按“符合”勾选）。验证据此把国家项目当作通过，并在结论、编辑器和细则文本中列出这条假设；不写时该国家项目在国家规则下可能通过也可能不通过（D2′）。', docEn: 'Assumes, with the reason in words, that when this item is not applicable the national item it stands for is ticked as passing; verify then relies on it and lists it in its verdict, the editor and the published document. Without it the national item may pass or fail nationally.' },
    failsWhen: { zh: '视为不通过条件', en: 'failsWhen', type: { t: 'expr' }, doc: '满足该条件时本项视为“发现问题（不符合）”，不论填写的答案（先于视为通过条件和不适用条件）；填写的通过答案被否定时附警告 FL5113。条件只能依据企业信息、产品、风险等级和历史。国家第14项据此由历史判定（第十一条，D8）。', docEn: 'When true the item fails whatever was written (before passesWhen and notApplicableWhen); an overruled passing answer gives warning FL5113. Reads facts, products, risk and history only (item 14, Art. 11, D8).' },
    passesWhen: { zh: '视为通过条件', en: 'passesWhen', type: { t: 'expr' }, doc: '满足该条件时本项视为“未发现问题（符合）”，不论填写的答案（可不填）；填写的不通过答案被否定时附警告 FL5114。条件只能依据企业信息、产品、风险等级和历史。国家第2、17项据此自我限定（D2′）。', docEn: 'When true the item passes whatever was written (it may be left blank); an overruled failing answer gives warning FL5114. Reads facts, products, risk and history only (items 2 and 17, D2′).' },
    crossCheck: { zh: '核对条件', en: 'crossCheck', type: { t: 'expr' }, doc: '本项答“通过”时记录中的企业信息、产品和历史应满足的条件，如第14项：次数(抽查不合格, 近3年) < 2。不满足时照常判定，附警告 FL5112 提请核对。', docEn: 'What the record’s facts, products and history should satisfy when the item is answered as passing (e.g. item 14); otherwise warning FL5112.' },
  },
  adjustment: {
    item: { zh: '项目', en: 'item', type: { t: 'id' }, required: true, doc: '被调整的国家项目编号。', docEn: 'National item id.' },
    directive: { zh: '指向型', en: 'directive', type: { t: 'boolean' }, doc: '设为指向型（★）。', docEn: 'Make the item ★.' },
    notApplicableWhen: { zh: '不适用条件', en: 'notApplicableWhen', type: { t: 'expr' }, doc: '不适用条件。', docEn: 'Not-applicable condition.' },
    verifyAssumption: { zh: '验证假设', en: 'verifyAssumption', type: str, doc: '该国家项目不适用时，假定国家检查人员勾选“通过”，并写明理由；验证据此证明并列出这条假设。', docEn: 'Assumes, with the reason, that the national item is ticked as passing when not applicable; verify relies on it and lists it.' },
  },
  group: {
    name: { zh: '名称', en: 'name', type: str, required: true, doc: '分组名称。', docEn: 'Group name.' },
    items: { zh: '项目', en: 'items', type: { t: 'array', of: { t: 'id' } }, required: true, doc: '组内项目编号；细化过的国家项目自动展开为其子项目。', docEn: 'Item ids; refined national items expand to their sub-items.' },
    description,
  },
  fact: {
    name: { zh: '名称', en: 'name', type: str, required: true, doc: '信息名称，如“规模以上”。', docEn: 'Fact name.' },
    en: { zh: '英文', en: 'en', type: { t: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]*$' }, doc: '英文名（记录、登记表和条件中也可使用）。', docEn: 'English name (also accepted in records, registers and conditions).' },
    type: { zh: '类型', en: 'type', type: { t: 'string', enum: FACT_TYPES }, required: true, doc: '布尔、数值或枚举。', docEn: 'boolean, number or enum.' },
    values: { zh: '取值', en: 'values', type: { t: 'array', of: str }, doc: '枚举类型的可选值。', docEn: 'Values of an enum fact.' },
    default: { zh: '默认', en: 'default', type: { t: 'oneOf', of: [{ t: 'boolean' }, { t: 'string' }, { t: 'integer' }] }, doc: '登记表未填写时的取值；不设则必须填写。', docEn: 'Value when the register leaves it empty; required otherwise.' },
    description,
  },
  event: {
    name: { zh: '名称', en: 'name', type: str, required: true, doc: '事件类型名称，如“行政处罚”。', docEn: 'Event type name.' },
    en: { zh: '英文', en: 'en', type: { t: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]*$' }, doc: '英文名（登记表和条件中也可使用）。', docEn: 'English name (also accepted in records and conditions).' },
    trigger: { zh: '降级', en: 'trigger', type: { t: 'boolean' }, doc: '是否为第二十一条规定的降级情形。', docEn: 'Whether it is an Art. 21 downgrade trigger.' },
    article: { zh: '依据', en: 'article', type: str, doc: '出处。', docEn: 'Source article.' },
    description,
  },
  classification: {
    C: { zh: 'C', en: 'C', type: { t: 'object', of: 'classC' }, doc: 'C类：任一条件成立即为C类。', docEn: 'C: any condition makes the enterprise C.' },
    AA: { zh: 'AA', en: 'AA', type: { t: 'object', of: 'classUp' }, doc: 'AA类：全部条件成立（且不是C类）。', docEn: 'AA: all conditions hold (and not C).' },
    A: { zh: 'A', en: 'A', type: { t: 'object', of: 'classUp' }, doc: 'A类：全部条件成立（且不是C、AA类）。', docEn: 'A: all conditions hold.' },
    B: { zh: 'B', en: 'B', type: { t: 'object', of: 'classUp' }, doc: 'B类：全部条件成立；都不满足时为C类。', docEn: 'B: all conditions hold; otherwise C.' },
  },
  classC: {
    anyOf: { zh: '任一条件', en: 'anyOf', type: { t: 'array', of: condition }, required: true, doc: '任一成立即判定为该类。', docEn: 'Any condition suffices.' },
  },
  classUp: {
    allOf: { zh: '全部条件', en: 'allOf', type: { t: 'array', of: condition }, required: true, doc: '全部成立才判定为该类。', docEn: 'All conditions must hold.' },
  },
  condition: {
    name: { zh: '名称', en: 'name', type: str, doc: '条件名称；省级细则用同名条件替换国家条件。', docEn: 'Condition name; a province replaces a national condition by giving the same name.' },
    when: { zh: '条件', en: 'when', type: { t: 'expr' }, required: true, doc: '条件表达式。', docEn: 'The condition.' },
    article: { zh: '依据', en: 'article', type: str, doc: '出处，写入判定说明。', docEn: 'Source, cited in the trace.' },
    description,
  },
  mode: {
    name: { zh: '名称', en: 'name', type: modeName, required: true, doc: '监管方式：信用监管、责任监管、常态监管、加严监管。', docEn: 'Mode name.' },
    measures: { zh: '措施', en: 'measures', type: { t: 'array', of: { t: 'object', of: 'measure' } }, required: true, doc: '该方式下的监管措施；省级细则的措施追加在国家措施之后。', docEn: 'Measures; provincial measures are appended.' },
  },
  measure: {
    text: { zh: '内容', en: 'text', type: str, required: true, doc: '措施内容。', docEn: 'Measure text.' },
    article: { zh: '依据', en: 'article', type: str, doc: '出处，如“第十八条（一）1”。', docEn: 'Source article.' },
  },
  classModes: {
    AA: { zh: 'AA', en: 'AA', type: modeName, doc: 'AA类的监管方式。', docEn: 'Mode of AA.' },
    A: { zh: 'A', en: 'A', type: modeName, doc: 'A类的监管方式。', docEn: 'Mode of A.' },
    B: { zh: 'B', en: 'B', type: modeName, doc: 'B类的监管方式。', docEn: 'Mode of B.' },
    C: { zh: 'C', en: 'C', type: modeName, doc: 'C类的监管方式。', docEn: 'Mode of C.' },
  },
  riskModes: {
    l1: { zh: 'Ⅰ级', en: 'level1', type: { t: 'oneOf', of: [{ t: 'string', enum: ['下调一级', '不调整', 'stricter', 'unchanged'] }, { t: 'object', of: 'classModes' }] }, doc: 'Ⅰ级（高风险）产品生产企业的监管方式。', docEn: 'Mode for Level Ⅰ (high risk).' },
    l2: { zh: 'Ⅱ级', en: 'level2', type: { t: 'oneOf', of: [{ t: 'string', enum: ['下调一级', '不调整', 'stricter', 'unchanged'] }, { t: 'object', of: 'classModes' }] }, doc: 'Ⅱ级（较高风险）。', docEn: 'Level Ⅱ.' },
    l3: { zh: 'Ⅲ级', en: 'level3', type: { t: 'oneOf', of: [{ t: 'string', enum: ['下调一级', '不调整', 'stricter', 'unchanged'] }, { t: 'object', of: 'classModes' }] }, doc: 'Ⅲ级（一般风险）。', docEn: 'Level Ⅲ.' },
  },
  review: {
    periodMonths: { zh: '调整周期月数', en: 'periodMonths', type: { t: 'integer', min: 1, max: 60 }, doc: '调整周期（月），原则上12个月。', docEn: 'Review period in months.' },
    maxRise: { zh: '最多上升级数', en: 'maxRise', type: { t: 'integer', min: 0, max: 3 }, doc: '每次最多上升的级数；不允许越级上升，即1。', docEn: 'Most levels a class may rise per review (1).' },
    triggerDrop: { zh: '降级级数', en: 'triggerDrop', type: { t: 'integer', min: 1, max: 3 }, doc: '出现降级情形时至少下降的级数。', docEn: 'Levels a trigger event lowers the class at least.' },
    firstCap: { zh: '首次评定上限', en: 'firstCap', type: className, doc: '首次评定可得的最高类别（国家规则不设）。', docEn: 'Highest class at a first classification (none nationally).' },
  },
  scope: {
    excluded: { zh: '不适用产品', en: 'excluded', type: { t: 'array', of: str }, doc: '其生产企业不适用本办法的产品类别（第二条）。', docEn: 'Product categories whose makers are outside the Measures (Art. 2).' },
    table: { zh: '范围表', en: 'table', type: str, doc: '范围表文件（相对本文件的路径）：各不适用类别的产品名称和常见同义词，注明名单的官方来源（第二条，解释 D9）。省级细则的范围表追加在所依据规则的之后。', docEn: 'Scope table file (relative path): product names and synonyms of each excluded category with the official source of each list (Art. 2, D9). A province\'s table is added to its base\'s.' },
  },
  product: {
    name: { zh: '名称', en: 'name', type: str, required: true, doc: '产品名称。', docEn: 'Product name.' },
    level: { zh: '风险等级', en: 'level', type: { t: 'string', enum: RISK_LEVEL_NAMES }, required: true, doc: 'Ⅰ级（高风险）、Ⅱ级（较高风险）、Ⅲ级（一般风险）。', docEn: 'Risk level.' },
    category: { zh: '类别', en: 'category', type: str, doc: '产品类别；属于第二条除外类别时其生产企业不适用本办法。', docEn: 'Category; an excluded category takes the maker out of scope.' },
  },
};

/**
 * The field of an object kind a key names: its Chinese or English name, or, for the risk
 * levels of 风险调整, any spelling the records and conditions accept (`II级`, `二级`, `Ⅱ`).
 */
export function fieldKey(kind: string, keyName: string): string | undefined {
  const spec = OBJECTS[kind];
  if (!spec) return undefined;
  const direct = Object.entries(spec).find(([, f]) => f.zh === keyName || f.en === keyName);
  if (direct) return direct[0];
  if (kind === 'riskModes') {
    const lv = riskLevelOf(keyName);
    if (lv !== undefined) return `l${lv}`;
  }
  return undefined;
}
