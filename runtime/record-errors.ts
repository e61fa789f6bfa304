// Codes of record errors (FL50xx) and warnings (FL51xx). Stable: registers and tools key on them.

type A = Record<string, string | number>;
const E = (zh: (a: A) => string, en: (a: A) => string) => ({ zh, en });

export const RECORD_CODES = {
  FL5001: E((a) => `记录不是有效的 JSON 对象：${a.detail}`, (a) => `Record is not a JSON object: ${a.detail}`),
  FL5002: E((a) => `缺少字段 ${a.field}`, (a) => `Missing field ${a.field}`),
  FL5003: E((a) => `字段 ${a.field} 应为${a.expected}`, (a) => `Field ${a.field} should be ${a.expectedEn}`),
  FL5004: E((a) => `规则集中没有项目“${a.item}”`, (a) => `The rule set has no item '${a.item}'`),
  FL5005: E((a) => `项目“${a.item}”没有填写答案`, (a) => `Item '${a.item}' has no answer`),
  FL5006: E((a) => `项目“${a.item}”的答案“${a.value}”无法识别，应为：未发现问题、发现问题、符合、不符合、不适用（或 pass/fail/na）`, (a) => `Answer '${a.value}' of item '${a.item}' is not one of the form's answers`),
  FL5007: E((a) => `日期“${a.value}”无效，应为存在的日期，格式 YYYY-MM-DD`, (a) => `Invalid date '${a.value}' (YYYY-MM-DD)`),
  FL5008: E((a) => `未知的事件类型“${a.value}”，可选：${a.allowed}`, (a) => `Unknown event type '${a.value}'; allowed: ${a.allowed}`),
  FL5009: E((a) => `项目“${a.item}”填了“不适用”，但本规则集中该项在此情况下适用`, (a) => `Item '${a.item}' answered not-applicable, but it applies here`),
  FL5010: E((a) => `企业信息“${a.fact}”的值“${a.value}”不对，应为${a.expected}`, (a) => `Fact '${a.fact}' value '${a.value}' should be ${a.expectedEn}`),
  FL5011: E((a) => `缺少企业信息“${a.fact}”（规则的条件需要它）`, (a) => `Missing fact '${a.fact}' that the rules read`),
  FL5012: E((a) => `上次类别“${a.value}”无效，应为 AA、A、B、C 或留空`, (a) => `Previous class '${a.value}' should be AA, A, B, C or empty`),
  FL5013: E((a) => `风险等级“${a.value}”无效，应为 Ⅰ级、Ⅱ级、Ⅲ级`, (a) => `Risk level '${a.value}' should be Ⅰ级, Ⅱ级 or Ⅲ级`),
  FL5014: E((a) => `监督检查形式“${a.value}”无效，应为 定期监督检查、专项监督检查、回访`, (a) => `Inspection form '${a.value}' should be periodic, special or follow-up`),
  FL5015: E((a) => `检查日期 ${a.value} 晚于今天`, (a) => `Inspection date ${a.value} is in the future`),
  FL5016: E((a) => `上次评定日期 ${a.value} 晚于本次检查日期`, (a) => `Previous review date ${a.value} is after the inspection date`),
  FL5020: E((a) => `综合风险等级未确定：主要产品（${a.products}）都不在检查日期有效的产品目录（${a.catalogues}）中，检查表也未勾选风险等级；本规则集要求确定风险等级（第二十条），请填写风险等级`, (a) => `The composite risk level is undetermined: no product (${a.products}) is in the catalogues in force (${a.catalogues}) and no level is ticked; these rules require it (Art. 20)`),
  FL5021: E((a) => `检查日期 ${a.value} 时《${a.rules}》没有施行中的版本（已有版本：${a.versions}），无法判定；请核对检查日期，或补充当时施行的那一版规则`, (a) => `No version of '${a.rules}' is in force on the inspection date ${a.value} (versions: ${a.versionsEn}); check the date or add the version then in force`),
  FL5025: E(
    (a) => `${a.column}列（${a.header}）的单元格以英文双引号开头，但引号没有闭合：本行从这一格起的内容无法读取。请删去这个引号，或在单元格末尾补上闭合的引号（其后各行照常读取）`,
    (a) => `The cell in column ${a.column} (${a.header}) opens a double quote that never closes; the rest of this row cannot be read. Remove the quote or close it (the rows after it are read as usual)`,
  ),
  FL5101: E((a) => `填写的风险等级 ${a.declared} 低于产品目录确定的 ${a.catalogue}，按 ${a.catalogue} 处理（第二十条：检查表勾选的等级只可提高不可降低）`, (a) => `Declared risk ${a.declared} is below the catalogue's ${a.catalogue}; ${a.catalogue} used (Art. 20: the form may only raise it)`),
  FL5102: E((a) => `项目“${a.item}”在此情况下不适用，填写的答案“${a.value}”不计入`, (a) => `Item '${a.item}' is not applicable here; answer '${a.value}' ignored`),
  FL5103: E((a) => `产品“${a.product}”不在检查日期有效的产品目录中，不据以确定风险等级`, (a) => `Product '${a.product}' is not in the catalogues in force; it gives no risk level`),
  FL5104: E((a) => `事件日期 ${a.value} 晚于检查日期，未计入`, (a) => `Event date ${a.value} is after the inspection; not counted`),
  FL5105: E((a) => `统一社会信用代码“${a.value}”校验位不正确（GB 32100），请核对`, (a) => `Credit code '${a.value}' fails its GB 32100 check digit`),
  FL5106: E((a) => `企业信息“${a.fact}”不在规则中，未使用`, (a) => `Fact '${a.fact}' is not used by the rules`),
  FL5107: E((a) => `有上次类别但没有上次评定日期，按检查日期前 ${a.months} 个月起算降级情形`, (a) => `No previous review date; triggers counted from ${a.months} months before the inspection`),
  FL5109: E((a) => `行政区划代码“${a.value}”不是有效的6位代码（前两位应为省级代码），按地区统计时将无法归类`, (a) => `Region code '${a.value}' is not a valid 6-digit division code`),
  FL5108: E((a) => `记录编号“${a.value}”与前面的记录重复`, (a) => `Record id '${a.value}' repeats an earlier record`),
  FL5112: E((a) => `项目“${a.item}”答“${a.value}”，但记录不满足其核对条件“${a.check}”，请核对答案或企业的历史`, (a) => `Item '${a.item}' is answered '${a.value}' but the record does not satisfy its cross-check '${a.check}'`),
  FL5110: E((a) => `检查日期 ${a.value} 时《${a.rules}》尚未生效（生效日期 ${a.effective}），请用当时施行的规则判定`, (a) => `Inspection date ${a.value} is before these rules took effect (${a.effective})`),
  FL5111: E((a) => `检查日期 ${a.value} 时《${a.rules}》已失效（失效日期 ${a.expires}），请用当时施行的规则判定`, (a) => `Inspection date ${a.value} is after these rules expired (${a.expires})`),
  FL5120: E((a) => `综合风险等级未确定：主要产品（${a.products}）都不在检查日期有效的产品目录（${a.catalogues}）中，检查表也未勾选风险等级。监管方式未作第二十条调整（同Ⅲ级一般风险），请核实后勾选风险等级`, (a) => `The composite risk level is undetermined: no product (${a.products}) is in the catalogues in force (${a.catalogues}) and no level is ticked. The mode has no Art. 20 adjustment (as Level Ⅲ); check and tick the level`),
} as const;

export type RecordCode = keyof typeof RECORD_CODES;

/** A warning about a record: its code, the field, and the message in Chinese and English. */
export function recordNotice(code: RecordCode, field: string, args: A): { code: RecordCode; field: string; message: string; messageEn: string } {
  const spec = RECORD_CODES[code];
  return { code, field, message: spec.zh(args), messageEn: spec.en(args) };
}
