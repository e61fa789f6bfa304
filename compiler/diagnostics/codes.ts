// The catalogue of diagnostic codes. Codes are stable: tools and quick fixes key on them.
// FL00xx file and YAML · FL01xx shape (JSON Schema) · FL11xx condition syntax
// FL20xx names and types · FL30xx national minimum (Remark (三)) · FL40xx verification.
import type { Severity } from './types.js';

type Args = Record<string, string | number>;
export interface CodeSpec {
  severity: Severity;
  zh: (a: Args) => string;
  en: (a: Args) => string;
}

const c = (severity: Severity, zh: CodeSpec['zh'], en: CodeSpec['en']): CodeSpec => ({ severity, zh, en });

export const CODES = {
  FL0001: c('error', (a) => `无法读取文件：${a.reason}`, (a) => `Cannot read file: ${a.reason}`),
  FL0002: c('error', (a) => `YAML 语法错误：${a.detail}`, (a) => `YAML syntax error: ${a.detailEn ?? a.detail}`),
  FL0003: c('error', (a) => `重复的键“${a.key}”`, (a) => `Duplicate key '${a.key}'`),
  FL0004: c('error', () => 'YAML 别名（*引用）过多，可能是恶意构造的文件（别名炸弹），已拒绝', () => 'Too many YAML aliases (possible alias bomb); refused'),
  FL0005: c('error', (a) => `文件过大（${a.size} 字节，上限 ${a.limit} 字节）`, (a) => `File too large (${a.size} bytes, limit ${a.limit})`),
  FL0006: c('error', (a) => `嵌套层次过深（超过 ${a.limit} 层）`, (a) => `Nesting deeper than ${a.limit} levels`),
  FL0007: c('error', () => 'YAML 缩进不能使用制表符（Tab），请改用空格', () => 'Tabs cannot indent YAML; use spaces'),
  FL0008: c('error', () => '这里的冒号是全角“：”，YAML 的键后须用半角冒号“:”加空格', () => "Full-width colon '：' where YAML needs ':' and a space"),
  FL0009: c('error', () => '规则文件应是一个 YAML 映射（键: 值），这里为空或不是映射', () => 'A rule file must be a YAML mapping'),
  FL0010: c('error', () => '文件不是有效的 UTF-8 文本', () => 'The file is not valid UTF-8'),
  FL0011: c('error', () => '不是普通文件（设备、管道或目录）：只读取普通文件', () => 'Not a regular file (a device, pipe or directory); only regular files are read'),
  FL0012: c('error', (a) => `列表或映射中的“${a.char}”是全角字符，YAML 须用半角“${a.ascii}”（否则整段被读成一个值）`, (a) => `Full-width '${a.char}' in a list or mapping; YAML needs ASCII '${a.ascii}' (else the whole is read as one value)`),
  FL0101: c('error', (a) => `未知字段“${a.key}”${a.hint ? `，是否应为“${a.hint}”？` : ''}`, (a) => `Unknown field '${a.key}'${a.hint ? `; did you mean '${a.hint}'?` : ''}`),
  FL0102: c('error', (a) => `缺少必填字段“${a.key}”（${a.en}）`, (a) => `Missing required field '${a.en}' (${a.key})`),
  FL0103: c('error', (a) => `“${a.key}”的值应为${a.expected}`, (a) => `'${a.key}' should be ${a.expectedEn}`),
  FL0104: c('error', (a) => `“${a.key}”的值只能是：${a.allowed}`, (a) => `'${a.key}' must be one of: ${a.allowed}`),
  FL0105: c('error', (a) => `字段“${a.zh}”与其英文别名“${a.en}”同时出现，只能写一个`, (a) => `'${a.zh}' and its alias '${a.en}' both given`),
  FL0106: c('error', (a) => `日期“${a.value}”无效，应为存在的日期，格式 YYYY-MM-DD`, (a) => `Invalid date '${a.value}' (YYYY-MM-DD)`),
  FL0107: c('error', (a) => `“${a.key}”的值超出范围（${a.detail}）`, (a) => `'${a.key}' out of range (${a.detail})`),
  FL0109: c('error', () => '条件中“ #”之后的内容被 YAML 当作注释，条件被截断了；请给整个条件加上双引号', () => "YAML read ' #…' as a comment and cut the condition short; quote the whole condition"),
  FL0108: c('error', (a) => `“${a.key}”的格式不正确`, (a) => `'${a.key}' has the wrong form`),

  FL2001: c('error', (a) => `项目编号“${a.id}”重复`, (a) => `Duplicate item id '${a.id}'`),
  FL2002: c('error', (a) => `细化的国家项目“${a.id}”不存在${a.hint ? `，是否应为“${a.hint}”？` : ''}`, (a) => `Refined national item '${a.id}' does not exist${a.hint ? `; did you mean '${a.hint}'?` : ''}`),
  FL2003: c('error', () => '没有“基于”的规则集（国家规则本身）不能细化或调整项目', () => 'A rule set without a base cannot refine or adjust items'),
  FL2004: c('error', (a) => `项目“${a.id}”不存在${a.hint ? `，是否应为“${a.hint}”？` : ''}`, (a) => `No item '${a.id}'${a.hint ? `; did you mean '${a.hint}'?` : ''}`),
  FL2005: c('error', (a) => `未定义的名称“${a.name}”${a.hint ? `，是否应为“${a.hint}”？` : ''}`, (a) => `Undefined name '${a.name}'${a.hint ? `; did you mean '${a.hint}'?` : ''}`),
  FL2006: c('error', (a) => `“${a.name}”不是函数`, (a) => `'${a.name}' is not a function`),
  FL2007: c('error', (a) => `“${a.name}”需要 ${a.expected} 个参数，这里有 ${a.actual} 个`, (a) => `'${a.name}' takes ${a.expected} argument(s), got ${a.actual}`),
  FL2008: c('error', (a) => `“${a.name}”的第 ${a.index} 个参数应为${a.expected}`, (a) => `Argument ${a.index} of '${a.name}' should be ${a.expectedEn}`),
  FL2009: c('error', (a) => `运算“${a.op}”的两边应为数值，这里是${a.actual}`, (a) => `'${a.op}' needs numbers, got ${a.actualEn}`),
  FL2010: c('error', (a) => `不能比较${a.left}与${a.right}`, (a) => `Cannot compare ${a.leftEn} with ${a.rightEn}`),
  FL2011: c('error', (a) => `条件的结果应为真或假，这里是${a.actual}`, (a) => `A condition must be true or false, got ${a.actualEn}`),
  FL2012: c('error', (a) => `${a.what}“${a.name}”重复定义`, (a) => `${a.whatEn} '${a.name}' defined twice`),
  FL2013: c('error', (a) => `分组“${a.name}”循环引用自身`, (a) => `Group '${a.name}' refers to itself`),
  FL2014: c('error', (a) => `找不到所依据的规则集“${a.base}”`, (a) => `Base rule set '${a.base}' not found`),
  FL2015: c('error', (a) => `名称“${a.name}”不能含“且”“或”，也不能以“非”开头（它们在条件中是关键字）`, (a) => `Name '${a.name}' must not contain 且/或 or start with 非 (keywords)`),
  FL2016: c('error', (a) => `“${a.fact}”没有取值“${a.value}”，可选：${a.allowed}`, (a) => `'${a.fact}' has no value '${a.value}'; allowed: ${a.allowed}`),
  FL2017: c('error', (a) => `调整的国家项目“${a.id}”不存在${a.hint ? `，是否应为“${a.hint}”？` : ''}`, (a) => `Adjusted national item '${a.id}' does not exist${a.hint ? `; did you mean '${a.hint}'?` : ''}`),
  FL2018: c('error', () => '国家规则的项目不能设不适用条件（D2：全国检查表只有两个选项）', () => 'National items cannot have a not-applicable condition (D2)'),
  FL2020: c('error', (a) => `没有“基于”的规则集必须定义“${a.section}”`, (a) => `A rule set without a base must define '${a.en}'`),
  FL2021: c('error', (a) => `项目编号“${a.id}”只能由字母、数字、汉字、“.”“-”“_”组成`, (a) => `Item id '${a.id}' may only contain letters, digits, CJK, '.', '-', '_'`),
  FL2022: c('error', (a) => `${a.what}不能依据项目的答案（只能依据企业信息、产品和历史）`, (a) => `A ${a.whatEn} cannot read item answers`),
  FL2023: c('error', (a) => `“${a.name}”的默认值类型不对，应为${a.expected}`, (a) => `Default of '${a.name}' should be ${a.expectedEn}`),
  FL2024: c('error', (a) => `枚举信息“${a.name}”须列出取值`, (a) => `Enum fact '${a.name}' needs values`),
  FL2025: c('error', (a) => `项目编号“${a.id}”与国家项目重复；细化项目请另起编号（如 ${a.id}.1）`, (a) => `Item id '${a.id}' clashes with a national item; give sub-items their own ids (e.g. ${a.id}.1)`),
  FL2026: c('warning', (a) => `“${a.key}”的值写成了数字 ${a.value}，按文本“${a.text}”读取；编号请加引号`, (a) => `'${a.key}' written as number ${a.value}, read as '${a.text}'; quote ids`),
  FL2027: c('error', (a) => `未知的类别“${a.name}”，只能是 AA、A、B、C`, (a) => `Unknown class '${a.name}'`),
  FL2028: c('error', () => '除以零', () => 'Division by zero'),
  FL2040: c('error', (a) => `无法读取产品目录文件“${a.path}”：${a.reason}`, (a) => `Cannot read catalogue file '${a.path}': ${a.reason}`),
  FL2041: c('error', (a) => `地区“${a.region}”的产品目录有两个版本同日生效（${a.date}）：“${a.version}”和“${a.other}”，无法确定哪一版有效`, (a) => `Two catalogue versions of '${a.region}' take effect on the same day (${a.date}): '${a.version}' and '${a.other}'`),
  FL2042: c('error', () => '省级细则须写明生效日期（D10：按检查日期选用当时有效的版本）', () => 'A province must state its effective date (D10: the version in force on the inspection date is used)'),
  FL2043: c('error', (a) => `失效日期 ${a.expires} 不晚于生效日期 ${a.effective}`, (a) => `Expiry ${a.expires} is not after the effective date ${a.effective}`),
  FL2029: c('error', (a) => `项目“${a.id}”不能细化自身所在规则集的项目，只能细化所依据规则集中的项目`, (a) => `Item '${a.id}' can only refine an item of the base rule set`),

  FL2050: c('error', (a) => `数值“${a.value}”超出范围，应为 ${a.range}`, (a) => `Number '${a.value}' out of range: ${a.rangeEn}`),
  FL2051: c('error', (a) => `“${a.name}”是程序保留的名称（JavaScript 对象的内置属性名），不能用作项目编号或名称`, (a) => `'${a.name}' is reserved (a built-in property name of JavaScript objects) and cannot be an item id or a name`),
  FL2052: c('error', (a) => `企业信息“${a.name}”的取值“${a.value}”含有引号、逗号、分号、等号或换行，会拆开模板的下拉列表和登记表的“企业信息”格`, (a) => `Value '${a.value}' of '${a.name}' contains a quote, comma, semicolon, '=' or line break, which split the template's drop-down list and the register's facts cell`),
  FL2030: c('error', (a) => `无法读取范围表“${a.file}”：${a.reason}`, (a) => `Cannot read the scope table '${a.file}': ${a.reason}`),
  FL2031: c('error', (a) => `范围表“${a.file}”格式不对：${a.detail}`, (a) => `Scope table '${a.file}' is malformed: ${a.detail}`),
  FL2032: c('error', (a) => `范围表“${a.file}”的类别“${a.name}”不在“不适用产品”中（第二条）`, (a) => `Category '${a.name}' of scope table '${a.file}' is not among the excluded categories (Art. 2)`),

  FL3001: c('error', (a) => `国家项目“${a.id}”既未保留也未细化（通用规则备注（三）：评定项目不得少于通用规则）`, (a) => `National item '${a.id}' is neither kept nor refined (Remark (三))`),
  FL3002: c('error', (a) => `国家项目“${a.parent}”是C类指向型（★），其细化子项目“${a.id}”也必须是指向型`, (a) => `Sub-item '${a.id}' of ★ item '${a.parent}' must be ★`),
  FL3003: c('error', (a) => `${a.cls}类条件“${a.name}”比国家规则宽松：国家为“${a.national}”，这里为“${a.province}”`, (a) => `Class ${a.cls} condition '${a.name}' is looser than national ('${a.national}' vs '${a.province}')`),
  FL3004: c('error', (a) => `${a.level}产品的${a.cls}类企业监管方式为“${a.mode}”，比所依据规则的“${a.national}”宽松（第二十条）`, (a) => `${a.level} class ${a.cls} mode '${a.mode}' is lighter than base '${a.national}' (Art. 20)`),
  FL3005: c('error', (a) => `每次最多上升 ${a.value} 级，违反第二十一条“不允许越级上升”（国家规则为 ${a.national} 级）`, (a) => `Rise of ${a.value} levels breaks Art. 21 (national: ${a.national})`),
  FL3006: c('error', (a) => `${a.cls}类的监管方式“${a.mode}”比国家规则的“${a.national}”宽松（第十八条）`, (a) => `Class ${a.cls} mode '${a.mode}' is lighter than national '${a.national}' (Art. 18)`),
  FL3007: c('error', (a) => `国家规则的降级情形“${a.name}”不能取消（第二十一条）`, (a) => `National downgrade trigger '${a.name}' cannot be dropped (Art. 21)`),
  FL3008: c('error', (a) => `产品“${a.name}”的风险等级 ${a.level} 低于国家目录（${a.catalogue}）的 ${a.national}（第二十条：本地区只能增加Ⅰ级、Ⅱ级产品，不能降低国家目录的等级）`, (a) => `Product '${a.name}' level ${a.level} is below the national catalogue's ${a.national} (${a.catalogue}; Art. 20)`),
  FL3025: c('error', (a) => `本地区目录中的产品“${a.name}”为Ⅲ级：第二十条只允许增加本地区的Ⅰ级（高风险）和Ⅱ级（较高风险）产品`, (a) => `Product '${a.name}' is Level Ⅲ in a regional catalogue: Art. 20 lets a region add Level Ⅰ and Ⅱ products only`),
  FL3009: c('error', (a) => `评定项目 ${a.count} 个，少于国家规则的 ${a.national} 个（通用规则备注（三））`, (a) => `${a.count} items, fewer than national ${a.national} (Remark (三))`),
  FL3010: c('warning', (a) => `国家项目“${a.id}”设了不适用条件，可能使细则比国家规则宽松，请用 fenlei verify 验证`, (a) => `Not-applicable condition on national item '${a.id}' may weaken the rules; run fenlei verify`),
  FL3030: c('warning', (a) => `${a.cls}类条件“${a.name}”的门槛低于国家规则（国家为“${a.national}”，这里为“${a.province}”；如通过率 ${a.example} 时），但本类别还有其他条件，是否宽松由 fenlei verify 判定`, (a) => `Class ${a.cls} condition '${a.name}' has a lower threshold than national ('${a.national}' vs '${a.province}'; e.g. at ${a.example}), but the class has other conditions: run fenlei verify`),
  FL3011: c('warning', (a) => `${a.cls}类条件“${a.name}”替换了国家条件，形式不同无法逐项比较，请用 fenlei verify 验证`, (a) => `Class ${a.cls} condition '${a.name}' replaces a national one in a form that cannot be compared; run fenlei verify`),
  FL3012: c('error', (a) => `国家指向型（★）项目“${a.id}”不能取消指向型`, (a) => `National ★ item '${a.id}' cannot lose its ★`),
  FL3013: c('error', (a) => `首次评定上限“${a.value}”比所依据规则的“${a.national}”宽松`, (a) => `First-classification cap '${a.value}' is looser than base '${a.national}'`),
  FL3014: c('error', (a) => `降级级数 ${a.value} 小于所依据规则的 ${a.national}（第二十一条）`, (a) => `Trigger drop ${a.value} is less than base ${a.national} (Art. 21)`),
  FL3015: c('error', (a) => `第二条规定的不适用产品“${a.name}”不能删除`, (a) => `Art. 2 exclusion '${a.name}' cannot be removed`),
  FL3017: c('warning', (a) => `基于版本“${a.value}”不是所依据规则《${a.name}》的现行版本“${a.base}”：所依据的规则已修订，请核对细则是否仍然适用，再改写基于版本`, (a) => `Written against version '${a.value}' but the base is now version '${a.base}': check the rules still fit, then update it`),
  FL3018: c('warning', (a) => `生效日期 ${a.value} 早于所依据规则《${a.name}》的生效日期 ${a.base}`, (a) => `Effective date ${a.value} is before the base's (${a.base})`),
  FL3019: c('error', (a) => `所依据规则的项目“${a.id}”的视为不通过条件“${a.condition}”没有保留：项目 ${a.items} 中至少要有一项的视为不通过条件包含它的每一种情形（第十一条，解释 D8）`, (a) => `The fails-when condition '${a.condition}' of base item '${a.id}' is not kept: one of ${a.items} must have a fails-when condition with each of its cases (Art. 11, D8)`),
  FL3016: c('warning', (a) => `调整周期 ${a.value} 个月长于所依据规则的 ${a.national} 个月（第二十一条：原则上1年）`, (a) => `Review period ${a.value} months is longer than base ${a.national} (Art. 21)`),
} as const satisfies Record<string, CodeSpec>;

export type Code = keyof typeof CODES;
