// JSON Schemas (draft-07) of the public interchange formats: the enterprise record that
// goes into `fenlei eval`, the decision that comes out, and the error that comes out
// instead when a record cannot be judged. docs/records.md describes the same fields in
// words; grammar/write-schemas.ts writes these objects to grammar/*.schema.json.
//
// The schemas follow runtime/record.ts (the types), runtime/prepare.ts (what a record may
// hold) and runtime/decide.ts (what a decision holds). They describe the canonical form:
// the runtime also trims spaces around words and reads English answer words in any case,
// and it ignores fields it does not know, where the schemas reject them so that a
// misspelt field name (which the runtime would silently ignore) is caught.
import { ANSWER_WORDS } from '../runtime/answers.js';
import { DATE_PATTERN } from './schema/json-schema.js';
import { CLASSES_BEST_FIRST, MODES_LIGHTEST_FIRST } from '../runtime/classes.js';
import { RISK_LEVEL_NAMES } from '../runtime/risk-levels.js';
import { EVENT_LEVELS } from '../runtime/levels.js';

export type JsonSchema = Record<string, unknown>;

const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

/** Inspection forms (第十四条至第十七条), as runtime/prepare.ts reads them. Keep in step with FORMS there. */
export const INSPECTION_FORMS = ['定期监督检查', '定期', 'periodic', '专项监督检查', '专项', 'special', '回访', 'followUp', 'follow-up'] as const;

/** Risk-level spellings (第二十条), as runtime/prepare.ts reads them. Keep in step with RISK there. */
export const RISK_SPELLINGS = ['Ⅰ级', 'Ⅱ级', 'Ⅲ级', 'I级', 'II级', 'III级', '一级', '二级', '三级', 'I', 'II', 'III', 'level1', 'level2', 'level3', '1', '2', '3'] as const;

/** Sampling-level spellings an event may hold, as runtime/prepare.ts reads them. */
export const EVENT_LEVEL_WORDS = EVENT_LEVELS.filter((l) => l.record).flatMap((l) => [l.zh, l.en, ...l.aliases]);

/** Previous-class spellings: AA/A/B/C with or without 类; 无 or empty for a first classification. */
export const PREVIOUS_CLASS_SPELLINGS = ['AA', 'A', 'B', 'C', 'AA类', 'A类', 'B类', 'C类', '无', ''] as const;

/** The steps of a decision's trace, in the order of D3 (runtime/record.ts TraceStep). */
export const TRACE_STEPS = ['scope', 'answers', 'directive', 'ratio', 'condition', 'class', 'review', 'mode', 'catalogue', 'risk', 'measures'] as const;

const date = (description: string): JsonSchema => ({ type: 'string', pattern: DATE_PATTERN, description });
const text = (description: string): JsonSchema => ({ type: 'string', description });
const nullable = (s: JsonSchema): JsonSchema => ({ anyOf: [s, { type: 'null' }] });
/** Optional record fields may also be left empty ("" or null), as a register leaves a cell empty. */
const emptyOr = (s: JsonSchema): JsonSchema => ({ anyOf: [s, { type: 'string', maxLength: 0 }, { type: 'null' }] });

export const recordSchema: JsonSchema = {
  $schema: DRAFT_07,
  $id: 'fenlei-record.schema.json',
  title: 'fenlei 企业记录 / enterprise record',
  description:
    '一家企业一次监督检查的记录，fenlei eval 的输入（docs/records.md）。\nOne inspection of one enterprise: the input of fenlei eval (docs/records.md).',
  type: 'object',
  required: ['id', 'enterprise', 'inspection'],
  additionalProperties: false,
  properties: {
    id: {
      anyOf: [{ type: 'string', minLength: 1 }, { type: 'number' }],
      description: '记录编号，在一个登记表中应唯一（重复时给出警告 FL5108）。\nRecord id, unique within a register (FL5108 warns on repeats).',
    },
    enterprise: {
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      description: '企业基本情况。\nThe enterprise.',
      properties: {
        name: { type: 'string', minLength: 1, description: '企业名称。\nEnterprise name.' },
        creditCode: text('统一社会信用代码（18位，GB 32100）；校验位不对时给出警告 FL5105。\nUnified social credit code; a wrong check digit gives warning FL5105.'),
        region: text('行政区划代码，如 330100；只是记录，不参与判定。\nAdministrative division code; recorded, not used by the decision.'),
        address: text('检查表的“住所/生产地址”；只是记录，印在填好的检查表上，不参与判定。\nThe form\'s address / production site; recorded and printed on the filled form, not used by the decision.'),
        legalRepresentative: text('检查表的“法人代表”（法定代表人）；只是记录。\nThe form\'s legal representative; recorded only.'),
        productionLicenceNo: text('检查表的“生产许可证书”编号（多个用“；”分隔）；只是记录。是否持有生产许可证由企业信息“持有生产许可证”表示（第17项，解释 D2′）。\nThe form\'s production licence number(s); recorded only. Whether the enterprise holds a licence is the fact 持有生产许可证 (item 17, D2′).'),
        cccCertificateNo: text('检查表的“强制性认证证书”编号（多个用“；”分隔）；只是记录。\nThe form\'s compulsory certification (CCC) certificate number(s); recorded only.'),
        products: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          description:
            '主要产品名称，与规则集的产品目录（第二十条）、不适用类别和范围表（第二条，解释 D9）按名称对照。全部产品都属于不适用类别时不予分类；范围表和目录中都没有的名称按适用本办法处理，判定说明写明“未识别为不适用类别”。\nMain products, matched by name against the catalogue (Art. 20), the excluded categories and the scope table (Art. 2, D9). When every product is of an excluded category there is no class; a name neither knows is in scope and the trace says it was not recognised.',
        },
        productCategories: {
          type: 'object',
          additionalProperties: { type: ['string', 'null'] },
          description:
            '申报的产品所属类别（可省略）：产品名称 → 第二条的不适用类别（特种设备、计量器具、食品、食品添加剂、食品相关产品、化妆品）或“工业产品”（适用本办法）。申报优先于范围表和产品目录（解释 D9）。\nDeclared category per product: an excluded category of Art. 2, or 工业产品 (in scope). A declaration takes precedence over the scope table and catalogue (D9).',
        },
        facts: {
          type: 'object',
          additionalProperties: { type: ['boolean', 'number', 'string', 'null'] },
          description:
            '企业信息（规则集“企业信息”一节定义的名称）：布尔用 true/false 或“是/否”，数值用数字，枚举用其取值之一；空值取规则中的默认值。\nEnterprise facts named by the rule set: booleans as true/false or 是/否, numbers, or one of an enum\'s values.',
        },
      },
    },
    inspection: {
      type: 'object',
      required: ['date'],
      additionalProperties: false,
      description: '本次监督检查。\nThis inspection.',
      properties: {
        date: date('检查日期 YYYY-MM-DD，须为存在的日期（FL5007）。\nInspection date, a real calendar date (FL5007).'),
        form: {
          type: 'string',
          enum: [...INSPECTION_FORMS, ''],
          description:
            '监督检查形式（第十四条至第十七条），只作记录。是否为周期调整由日期决定，不由检查形式决定：没有上次评定日期，或距上次评定已满调整周期时为周期调整（解释 D4′）。\nInspection form (Arts. 14–17), recorded only. Whether the inspection is a periodic review is decided by dates, not by the form (D4′).',
        },
        riskLevel: {
          anyOf: [{ type: 'string', enum: [...RISK_SPELLINGS, ''] }, { type: 'integer', enum: [1, 2, 3] }, { type: 'null' }],
          description:
            '检查人员填写的综合风险等级（可省略）。只能提高按产品目录确定的等级，低于目录时给出警告 FL5101（D6）。\nThe inspector\'s composite risk level (optional); it can only raise the catalogue level (D6, FL5101).',
        },
        answers: {
          type: 'object',
          additionalProperties: {
            anyOf: [{ type: 'string', enum: [...ANSWER_WORDS, ''] }, { type: 'null' }],
          },
          description:
            '每个项目编号对应一个答案：未发现问题、发现问题、符合、不符合、不适用（或 pass、fail、na、n/a）。空值视为未填写。适用本办法的企业必须有本字段；只有在有上次类别时可以省略或全部空着，这时不是检查评定，而是按第二十一条对上次类别的动态调整（解释 D11）。\nOne answer per item id; empty means unanswered. Required for an enterprise within the Measures, except that with a previous class it may be absent or all empty: then the record is an adjustment of the previous class under Art. 21 (D11).',
        },
      },
    },
    history: {
      type: 'object',
      additionalProperties: false,
      description: '分类历史（第二十一条）。\nClassification history (Art. 21).',
      properties: {
        previousClass: nullable({
          type: 'string',
          enum: [...PREVIOUS_CLASS_SPELLINGS],
          description: '上次评定的类别；留空、null 或“无”表示首次评定。\nPrevious class; empty, null or 无 for a first classification.',
        }),
        previousReviewDate: emptyOr(
          date('上次评定日期；有上次类别而无此日期时，按检查日期前一个调整周期起算（警告 FL5107）。\nPrevious review date; without it, triggers count over one review period before the inspection (FL5107).'),
        ),
        events: {
          type: 'array',
          description: '企业历史中的事件（第二十一条降级情形等）。\nEvents of the enterprise history (Art. 21 triggers etc.).',
          items: {
            type: 'object',
            required: ['type', 'date'],
            additionalProperties: false,
            properties: {
              type: text(
                '事件类型：规则集“事件类型”中的名称或英文名，国家规则为 行政处罚/penalty、严重隐患/seriousHazard、抽查不合格/samplingFailure、媒体曝光/mediaExposure、其他降级情形/otherDowngrade、拒绝抽查/refusedSampling。\nEvent type: a name or English name from the rule set.',
              ),
              date: date('事件日期 YYYY-MM-DD；晚于检查日期的事件不计入（警告 FL5104）。\nEvent date; events after the inspection are not counted (FL5104).'),
              level: emptyOr({
                type: 'string',
                enum: [...EVENT_LEVEL_WORDS],
                description:
                  '抽查级别（可省略）：国家、省级、市级、县级（或 national、provincial、municipal、county）。第十一条和第14项只把省级以上抽查的不合格计入“2次（含）以上”；规则按级别计数而事件没有级别时给出警告 FL5115。\nSampling level (optional). Art. 11 and item 14 count only national or provincial sampling failures towards "two or more"; an event without a level that a rule counts by level gives warning FL5115.',
              }),
            },
          },
        },
      },
    },
  },
};

const notice = (codePattern: string, description: string): JsonSchema => ({
  type: 'object',
  required: ['code', 'field', 'message'],
  additionalProperties: false,
  description,
  properties: {
    code: { type: 'string', pattern: codePattern },
    field: text('记录中出问题的字段，如 inspection.answers.7。\nThe record field concerned.'),
    message: text('中文说明。\nChinese message.'),
    messageEn: text('英文说明。\nEnglish message.'),
  },
});

const className = { type: 'string', enum: [...CLASSES_BEST_FIRST] };
const modeName = { type: 'string', enum: [...MODES_LIGHTEST_FIRST] };
const riskName = { type: 'string', enum: [...RISK_LEVEL_NAMES] };
const ids = (description: string): JsonSchema => ({ type: 'array', items: { type: 'string' }, description });

export const decisionSchema: JsonSchema = {
  $schema: DRAFT_07,
  $id: 'fenlei-decision.schema.json',
  title: 'fenlei 判定结果 / decision',
  description:
    '一条记录的判定（fenlei eval 每行一条）。依据第十三条，分类结果属产品质量监督工作信息，不得用于广告、宣传等商业目的。\nThe decision on one record (one line of fenlei eval). Art. 13: not for advertising.',
  type: 'object',
  required: ['id', 'inScope', 'assessedClass', 'class', 'mode', 'riskLevel', 'passed', 'answered', 'passRatio', 'failedItems', 'directiveFailures', 'measures', 'rulesVersion', 'catalogues', 'trace'],
  additionalProperties: false,
  properties: {
    id: text('记录编号（记录没有编号时为 #位置）。\nRecord id (#position when the record has none).'),
    inScope: { type: 'boolean', description: '是否适用本办法（第二条）；false 时不予分类，类别等为 null。\nWithin the Measures (Art. 2); when false there is no class.' },
    assessedClass: nullable({ ...className, description: '按检查记录评定的类别（通用规则备注（二）），第二十一条调整之前。\nClass from the answers, before Art. 21.' }),
    class: nullable({ ...className, description: '第二十一条调整后的类别（最终类别）。\nClass after Art. 21 (the result).' }),
    mode: nullable({ ...modeName, description: '监管方式：第十八条按类别确定，再按第二十条风险等级调整。\nSupervision mode: Art. 18 by class, then shifted by risk (Art. 20).' }),
    riskLevel: nullable({
      ...riskName,
      description:
        '综合风险等级（D6′）：主要产品在检查日期有效目录中的最高等级，检查表勾选的等级只可提高。不适用本办法时为 null；适用而无法确定（产品都不在目录中、也未勾选）时也为 null，并有警告 FL5120，监管方式不作第二十条调整。\nComposite risk level (D6′). null out of scope, and null when undetermined (warning FL5120; no Art. 20 shift).',
    }),
    passed: { type: 'integer', minimum: 0, description: '通过（未发现问题/符合）的适用项目数。\nApplicable items that pass.' },
    answered: { type: 'integer', minimum: 0, description: '适用并作答的项目数（通过率的分母；不适用项目不计，D2）。\nApplicable answered items (the denominator).' },
    passRatio: nullable({ type: 'number', minimum: 0, maximum: 1, description: '通过率 passed/answered，四舍五入到4位小数，仅供显示；判定按分数精确比较。\nRatio rounded to 4 decimals for display; decisions compare exact fractions.' }),
    failedItems: ids('发现问题（不符合）的项目编号，按规则集顺序。\nIds of failing items, in rule-set order.'),
    directiveFailures: ids('其中的C类指向型（★）项目编号。\nThe failing ★ items.'),
    measures: { type: 'array', items: { type: 'string' }, description: '监管措施（随调整后的监管方式，D7）。\nMeasures of the final mode (D7).' },
    rulesVersion: text('作出判定的规则版本（元数据.版本）。给了同一省份的几个版本时，是检查日期施行中的那一版（D10）。\nThe 版本 of the rules that decided: with several versions, the one in force on the inspection date (D10).'),
    catalogues: {
      type: 'array',
      description: '检查日期有效的产品目录版本（第二十条，D6′），国家目录在前；没有时为空数组。\nThe catalogue versions in force on the inspection date (Art. 20, D6′), national first; empty when none.',
      items: {
        type: 'object',
        required: ['name', 'region', 'version'],
        additionalProperties: false,
        properties: {
          name: text('目录名称。\nCatalogue name.'),
          region: text('地区（全国或省份）。\nRegion (全国 or a province).'),
          version: text('目录版本。\nCatalogue version.'),
        },
      },
    },
    trace: {
      type: 'array',
      description: '逐步说明（eval --trace、explain 时有内容，否则为空数组）。\nStep-by-step explanation (filled with --trace and by explain; empty otherwise).',
      items: {
        type: 'object',
        required: ['step', 'article', 'clause', 'text'],
        additionalProperties: false,
        properties: {
          step: { type: 'string', enum: [...TRACE_STEPS] },
          article: text('所依据的条款，如 第二十一条、通用规则备注（二）。\nThe article relied on.'),
          clause: text('产生这一步的规则文件位置“文件:行”（可能为空）。\nRule-file clause as file:line (may be empty).'),
          text: text('说明。\nWhat happened.'),
        },
      },
    },
    adjustmentOnly: {
      type: 'boolean',
      const: true,
      description: '记录没有检查答案、按第二十一条只对上次类别作动态调整时为 true（解释 D11），否则省略本字段。这时 assessedClass 为上次类别，passed、answered 为 0。\nTrue when the record had no inspection answers and only the previous class was adjusted under Art. 21 (D11); absent otherwise.',
    },
    warnings: {
      type: 'array',
      items: notice('^FL51\\d\\d$', '警告：记录可以判定，但有值得核对之处。\nA warning: the record was judged but something should be checked.'),
      description: '警告（FL51xx），没有时省略本字段。\nWarnings (FL51xx); absent when there are none.',
    },
  },
  if: { properties: { inScope: { const: false } } },
  then: {
    properties: {
      assessedClass: { type: 'null' },
      class: { type: 'null' },
      mode: { type: 'null' },
      riskLevel: { type: 'null' },
      passRatio: { type: 'null' },
    },
  },
  else: {
    properties: {
      assessedClass: className,
      class: className,
      mode: modeName,
    },
  },
};
