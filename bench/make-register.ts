// 示例登记表生成器 / sample register generator.
//
// 按规则集（国家规则或省级细则）生成确定性的（同一种子结果相同）、贴近实际的企业登记表：
// 省内真实的行政区划代码和城市名，城市+字号+行业+有限公司的企业名称，校验位正确的统一社会信用代码，
// 产品目录中的产品（另有少量第二条不适用的产品和目录外产品），大多数企业大多数项目通过（普通项目比★项目
// 更常不通过，第18、19项最常不通过），多数企业有上次类别（约一年前评定），少数企业有第二十一条的降级情形。
//
// Deterministic, realistic registers for a rule set: real region codes of the province, company
// names, valid credit codes (GB 32100), catalogue products plus a few out-of-scope and unknown ones,
// realistic failure rates, previous classes about a year back, a few Art. 21 trigger events.
//
//   node dist/bench/make-register.js --rules rules/examples/zhejiang/rules.yaml --count 240 --format csv --seed 1 > register.csv
//   node dist/bench/make-register.js --rules national --count 100000 --format jsonl --seed 1 --out records.jsonl
//
// CSV 的列见 rules/examples/README.md（与 fenlei eval 读取登记表的列相同）。
import { createWriteStream } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Program, formatDiagnostic, loadEvaluator, resolveRuleSpec } from '../compiler/index.js';
import { catalogueProducts, dateText, dayNumber, isError, withCheckDigit, type EnterpriseRecord, type Evaluator, type RuleSetIR } from '../runtime/index.js';
import { pick, rng, type Weighted } from './records.js';
import { recordToCells } from '../cli/io/csv-record.js';

type Rand = () => number;

const one = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

// ——— 地区：真实的县级行政区划代码，及企业名称中使用的城市名（区用地级市名，县级市用本市名）。
interface Place {
  code: string;
  city: string;
  weight: number;
}
interface Province {
  prefix: string;
  places: readonly Place[];
  /** 本省产业结构：产品被选中的权重倍数 / weight multipliers reflecting local industry. */
  favour: Record<string, number>;
}

const P = (code: string, city: string, weight = 1): Place => ({ code, city, weight });

const PROVINCES: Record<string, Province> = {
  浙江省: {
    prefix: 'ZJ',
    places: [
      P('330102', '杭州'), P('330105', '杭州'), P('330106', '杭州'), P('330108', '杭州', 2), P('330109', '杭州', 3), P('330110', '杭州', 3),
      P('330203', '宁波'), P('330212', '宁波', 3), P('330282', '慈溪', 3),
      P('330302', '温州'), P('330381', '瑞安', 2), P('330382', '乐清', 3),
      P('330402', '嘉兴'), P('330481', '海宁', 2), P('330502', '湖州', 2),
      P('330602', '绍兴'), P('330681', '诸暨', 2),
      P('330702', '金华'), P('330782', '义乌', 3), P('330784', '永康', 3),
      P('330802', '衢州'), P('330902', '舟山'),
      P('331002', '台州', 2), P('331082', '临海'), P('331102', '丽水'),
    ],
    favour: { 纺织服装: 2, 家用电器: 3, 电动工具: 2.5, 塑料管材: 1.5, 电动自行车: 2, 电热水器: 2, 陶瓷砖: 0.3, 建筑用钢筋: 0.5 },
  },
  江苏省: {
    prefix: 'JS',
    places: [
      P('320102', '南京'), P('320104', '南京'), P('320115', '南京', 3),
      P('320205', '无锡', 2), P('320211', '无锡'), P('320281', '江阴', 3),
      P('320302', '徐州', 2), P('320402', '常州'), P('320412', '常州', 3),
      P('320505', '苏州', 2), P('320506', '苏州', 2), P('320581', '常熟', 2), P('320582', '张家港', 2), P('320583', '昆山', 3),
      P('320602', '南通', 2), P('320703', '连云港'), P('320803', '淮安'), P('320902', '盐城'),
      P('321002', '扬州'), P('321102', '镇江'), P('321181', '丹阳', 2), P('321202', '泰州'), P('321302', '宿迁'),
    ],
    favour: { 纺织服装: 2, 电线电缆: 3, 光伏组件: 2.5, 锂离子电池: 2, 家用电器: 1.5, 危险化学品: 1.5, 陶瓷砖: 0.4 },
  },
  全国: {
    prefix: 'QY',
    places: [
      P('110105', '北京'), P('310115', '上海', 2), P('440305', '深圳', 2), P('440606', '佛山', 2), P('370102', '济南'),
      P('420106', '武汉'), P('510107', '成都'), P('350206', '厦门'), P('130102', '石家庄'), P('330782', '义乌'), P('320583', '昆山'),
    ],
    favour: {},
  },
};

// ——— 产品：目录外产品（按Ⅲ级计，FL5103）与第二条不适用的产品。
const UNKNOWN_PRODUCTS = ['五金工具', '箱包', '灯具', '紧固件', '办公文具'];
const OUT_OF_SCOPE_PRODUCTS = ['化妆品', '化妆品', '食品', '计量器具'];

/** 企业名称中的行业用语 / the trade word of a company name. */
const TRADE_WORDS: Record<string, readonly string[]> = {
  电线电缆: ['电缆', '线缆'], 危险化学品: ['化工', '化学'], 化肥: ['化肥', '肥业'], 电热水器: ['电器', '热水器'],
  燃气灶具: ['厨具', '燃具'], 电动自行车: ['车业', '电动车'], 安全帽: ['安全防护用品', '劳保用品'], 建筑用钢筋: ['钢铁', '特钢'],
  水泥: ['水泥', '建材'], 人造板: ['木业', '板业'], 儿童玩具: ['玩具'], 童车: ['童车', '儿童用品'], 家用电器: ['电器', '家电'],
  机动车轮胎: ['轮胎', '橡胶'], 纺织服装: ['服饰', '纺织', '制衣'], 家具: ['家具', '家居'], 陶瓷砖: ['陶瓷', '建陶'],
  电动工具: ['电动工具', '工具'], 塑料管材: ['管业', '塑业'], 电动自行车用锂离子电池: ['电池', '新能源科技'],
  锂离子电池: ['电池', '新能源科技', '能源科技'], 电动自行车充电器: ['电子', '电源科技'], 光伏组件: ['光伏科技', '光电'],
  预拌混凝土: ['混凝土', '建材'], 压力容器: ['容器', '压力容器'], 电子秤: ['衡器'], 食品用塑料包装: ['包装', '塑业'],
  化妆品: ['日化', '生物科技'], 食品: ['食品'], 计量器具: ['仪表', '衡器'], 五金工具: ['五金', '工具'], 箱包: ['箱包'],
  灯具: ['照明', '灯饰'], 紧固件: ['紧固件', '标准件'], 办公文具: ['文具'],
};

const NAME_FIRST = '恒华永金宏瑞天新博聚振鑫盛泰德源锦嘉正信通达隆兴昌丰益众安康伟宇航辰骏朗卓汇中东';
const NAME_SECOND = '达盛泰丰源通兴利成昌瑞宇鑫诚信德康华龙辉越晟凯峰远航力业祥和美茂润邦';

// ——— 项目：基础不通过率（按国家项目编号；细化子项目按其国家项目，补充项目另计）。
// 第18项（规模、龙头）、第19项（质量奖励）是企业的客观状况，不随企业质量水平变化，且多数企业达不到。
const ITEM_FAIL: Record<string, number> = {
  '3': 0.03, '4': 0.04, '5': 0.05, '6': 0.05, '7': 0.04, '8': 0.01, '9': 0.04, '10': 0.02, '11': 0.02, '13': 0.2, '18': 0.55, '19': 0.62,
};
const STRUCTURAL = new Set(['13', '18', '19']);
const DIRECTIVE_FAIL = 0.004;
const SUPPLEMENTARY_FAIL = 0.08;
/** 细化后每个子项目的不通过率（相对其国家项目）/ per sub-item share of its national item's rate. */
const SUB_ITEM_SHARE = 0.6;

interface Tier {
  factor: number;
  prev: Weighted<'AA' | 'A' | 'B' | 'C'>;
  events: number;
}
// 企业质量水平：良好 / 一般 / 较差。factor 乘普通项目的不通过率；events 为本周期出现降级情形的概率。
const TIERS: Weighted<Tier> = [
  [{ factor: 0.5, prev: [['AA', 2], ['A', 6], ['B', 2]], events: 0.02 }, 62],
  [{ factor: 1.6, prev: [['A', 3], ['B', 6], ['C', 1]], events: 0.08 }, 30],
  [{ factor: 6, prev: [['B', 4], ['C', 6]], events: 0.3 }, 8],
];
const TRIGGER_EVENTS: Weighted<string> = [['抽查不合格', 50], ['行政处罚', 20], ['媒体曝光', 8], ['严重隐患', 7], ['其他降级情形', 5], ['拒绝抽查', 10]];
const FACT_TRUE: Record<string, number> = { 规模以上: 0.35, 出口企业: 0.28, 小微企业: 0.3 };

// 检查日期：2025年3月至12月的工作日（固定区间，保证同一种子结果相同）。
const FIRST_DAY = dayNumber('2025-03-03');
const LAST_DAY = dayNumber('2025-12-19');

export interface GenerateOptions {
  count: number;
  seed: number;
}

interface Context {
  ir: RuleSetIR;
  evaluator: Evaluator;
  province: Province;
  inScope: Weighted<string>;
  names: Set<string>;
}

const COMMON_PRODUCTS = ['家具', '电线电缆', '人造板', '陶瓷砖', '纺织服装', '水泥', '儿童玩具', '电动自行车', '塑料管材', '家用电器'];

/** 生成 count 条企业记录（交换格式，见 runtime/record.ts）/ `count` records in the interchange format. */
export function generateRecords(ir: RuleSetIR, evaluator: Evaluator, options: GenerateOptions): EnterpriseRecord[] {
  // 种子与地区名混合：同一 --seed 在不同省份得到不同的企业 / the region varies the stream.
  let h = 2166136261;
  for (const ch of ir.meta.region) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
  const r = rng((options.seed ^ h) >>> 0);
  const excluded = new Set(ir.excluded);
  const province = PROVINCES[ir.meta.region] ?? PROVINCES['全国']!;
  // 目录内、适用本办法的产品；Ⅲ级产品的企业更多，并按本省产业结构加权。
  const inScope: [string, number][] = catalogueProducts(ir)
    .filter((p) => !excluded.has(p.name) && !(p.category !== null && excluded.has(p.category)))
    .map((p) => [p.name, (p.level === 3 ? 6 : p.level === 2 ? 2 : 1) * (province.favour[p.name] ?? 1)]);
  // A rule set without a catalogue (the national rules since D6′): common products, equally likely.
  if (inScope.length === 0) inScope.push(...COMMON_PRODUCTS.map((name): [string, number] => [name, province.favour[name] ?? 1]));
  const ctx: Context = { ir, evaluator, province, inScope, names: new Set() };
  const width = Math.max(4, String(options.count).length);
  const out: EnterpriseRecord[] = [];
  for (let i = 0; i < options.count; i++) out.push(makeRecord(ctx, r, `${ctx.province.prefix}${String(i + 1).padStart(width, '0')}`));
  return out;
}

function makeRecord(ctx: Context, r: Rand, id: string): EnterpriseRecord {
  const { ir } = ctx;
  const tier = pick(r, TIERS);
  const place = pick(r, ctx.province.places.map((p) => [p, p.weight] as const));

  // 产品：约2%不适用本办法（第二条），约3%为目录外产品，约18%有两种主要产品。
  const roll = r();
  const products = [roll < 0.02 ? one(r, OUT_OF_SCOPE_PRODUCTS) : roll < 0.05 ? one(r, UNKNOWN_PRODUCTS) : pick(r, ctx.inScope)];
  if (r() < 0.18) {
    const second = pick(r, ctx.inScope);
    if (!products.includes(second)) products.push(second);
  }

  const name = companyName(ctx, r, place.city, products[0]!);
  const creditCode = creditCodeFor(r, place.code);

  const facts: Record<string, boolean | number | string> = {};
  for (const f of ir.facts) {
    if (f.type === 'bool') facts[f.name] = r() < (FACT_TRUE[f.name] ?? 0.3);
    else if (f.type === 'enum') facts[f.name] = one(r, f.values);
    else facts[f.name] = Math.floor(r() * 100);
  }
  // 第18项（达到规模水平、处于行业龙头地位）与企业规模一致。
  const large = typeof facts['规模以上'] === 'boolean' ? facts['规模以上'] : facts['小微企业'] === true ? false : r() < 0.35;

  // 检查：定期监督检查为主；跳过周末。
  let day = FIRST_DAY + Math.floor(r() * (LAST_DAY - FIRST_DAY + 1));
  const weekday = (day + 4) % 7; // 1970-01-01 是星期四 / was a Thursday
  if (weekday === 6) day -= 1;
  else if (weekday === 0) day -= 2;
  const form = pick(r, [['定期监督检查', 85], ['专项监督检查', 10], ['回访', 5]] as const);
  const inspection: EnterpriseRecord['inspection'] = { date: dateText(day), form, answers: {} };
  const declared = r();
  if (declared < 0.03) inspection.riskLevel = 'Ⅰ级';
  else if (declared < 0.05) inspection.riskLevel = 'Ⅱ级';

  // 历史：约85%有上次类别，上次评定约一年前（专项检查、回访在两次评定之间）。
  const history: NonNullable<EnterpriseRecord['history']> = {};
  let reviewDay: number | null = null;
  if (r() < 0.85) {
    history.previousClass = pick(r, tier.prev);
    const gap = form === '定期监督检查' ? 345 + Math.floor(r() * 40) : 60 + Math.floor(r() * 240);
    reviewDay = day - gap;
    history.previousReviewDate = dateText(reviewDay);
  }
  const events: { type: string; date: string }[] = [];
  if (r() < tier.events) {
    // 本周期的降级情形（上次评定之后、本次检查之前）。
    const from = reviewDay ?? day - 365;
    events.push({ type: pick(r, TRIGGER_EVENTS), date: dateText(from + 1 + Math.floor(r() * (day - from - 1))) });
  }
  if (r() < tier.events / 2) {
    // 更早的事件（近3年内、上次评定之前）：不是本周期的降级情形，但影响“近3年”的条件和第14项。
    const to = (reviewDay ?? day - 365) - 1;
    events.push({ type: pick(r, TRIGGER_EVENTS), date: dateText(to - Math.floor(r() * 700)) });
  }
  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const known = new Set(ir.events.flatMap((e) => [e.name, e.en ?? e.name]));
  const kept = events.filter((e) => known.has(e.type));
  history.events = kept;

  // 第14项（★）与历史一致：近3年有行政处罚、媒体曝光、拒绝抽查或2次以上抽查不合格时不符合。
  const threeYears = day - 3 * 365;
  const recent = kept.filter((e) => dayNumber(e.date) > threeYears);
  const item14Fails = recent.some((e) => e.type === '行政处罚' || e.type === '媒体曝光' || e.type === '拒绝抽查') || recent.filter((e) => e.type === '抽查不合格').length >= 2;

  const answers = inspection.answers;
  let item14Done = false;
  for (const it of ir.items) {
    const nat = it.nationalId;
    let rate: number;
    if (it.origin === 'supplementary') rate = SUPPLEMENTARY_FAIL * tier.factor;
    else if (it.directive) rate = nat === '14' ? 0.002 : DIRECTIVE_FAIL * (tier.factor > 2 ? 3 : 1);
    else {
      const base = ITEM_FAIL[nat ?? ''] ?? 0.03;
      rate = STRUCTURAL.has(nat ?? '') ? base : base * tier.factor;
      if (it.origin === 'refined') rate *= SUB_ITEM_SHARE;
    }
    if (nat === '18') rate = large ? 0.15 : 0.85;
    let pass = r() >= Math.min(0.95, rate);
    if (nat === '14' && item14Fails && !item14Done) {
      pass = false;
      item14Done = true;
    }
    answers[it.id] = it.pair === 'conform' ? (pass ? '符合' : '不符合') : pass ? '未发现问题' : '发现问题';
  }

  const record: EnterpriseRecord = {
    id,
    enterprise: { name, creditCode, region: place.code, products, ...(ir.facts.length ? { facts } : {}) },
    inspection,
    history,
  };
  markNotApplicable(ctx.evaluator, record);
  return record;
}

/**
 * Items whose not-applicable condition holds for this enterprise are answered 不适用, as an
 * inspector would tick them. The evaluator decides: an applicable item answered 不适用 is FL5009.
 */
function markNotApplicable(evaluator: Evaluator, record: EnterpriseRecord): void {
  const answers = record.inspection.answers;
  const candidates = evaluator.ir.items.filter((it) => it.na !== null).map((it) => it.id);
  if (candidates.length === 0) return;
  const real = new Map(candidates.map((id) => [id, answers[id]!]));
  for (const id of candidates) answers[id] = '不适用';
  for (let guard = 0; guard <= candidates.length; guard++) {
    const o = evaluator.evaluate(record);
    if (!isError(o) || o.error.code !== 'FL5009') return;
    const id = o.error.field.slice('inspection.answers.'.length);
    const answer = real.get(id);
    if (answer === undefined) return;
    answers[id] = answer;
  }
}

function companyName(ctx: Context, r: Rand, city: string, product: string): string {
  const trades = TRADE_WORDS[product] ?? [product];
  for (let attempt = 0; attempt < 60; attempt++) {
    const a = one(r, [...NAME_FIRST]);
    let b = one(r, [...NAME_SECOND]);
    if (b === a) b = one(r, [...NAME_SECOND]);
    const brand = attempt < 30 ? a + b : a + b + one(r, [...NAME_SECOND]);
    const suffix = r() < 0.12 ? '股份有限公司' : '有限公司';
    const name = `${city}${brand}${one(r, trades)}${suffix}`;
    if (!ctx.names.has(name)) {
      ctx.names.add(name);
      return name;
    }
  }
  const name = `${city}${one(r, [...NAME_FIRST])}${one(r, trades)}有限公司（${ctx.names.size + 1}）`;
  ctx.names.add(name);
  return name;
}

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** 统一社会信用代码：9（工商）1（企业）+ 行政区划代码 + 组织机构代码（GB 11714 校验）+ 校验码（GB 32100）。 */
function creditCodeFor(r: Rand, region: string): string {
  let body = '';
  if (r() < 0.55) {
    // 2015年后新设企业：MA 开头的主体标识码 / newer entities
    body = 'MA';
    for (let i = 0; i < 6; i++) body += CODE_CHARS[Math.floor(r() * CODE_CHARS.length)];
  } else {
    // 由原组织机构代码转换 / converted from an old organisation code
    for (let i = 0; i < 8; i++) body += String(Math.floor(r() * 10));
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body[i]!;
    const v = c >= '0' && c <= '9' ? Number(c) : c.charCodeAt(0) - 55;
    sum += v * ORG_WEIGHTS[i]!;
  }
  const check = 11 - (sum % 11);
  const org = body + (check === 10 ? 'X' : check === 11 ? '0' : String(check));
  return withCheckDigit(`91${region}${org}`);
}

// ——— 输出 / output.

export const CSV_FIXED = ['id', 'name', 'creditCode', 'region', 'products', 'facts', 'date', 'form', 'riskLevel', 'previousClass', 'previousReviewDate', 'events'] as const;

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvHeader(ir: RuleSetIR): string {
  return [...CSV_FIXED, ...ir.items.map((i) => i.id)].map(csvCell).join(',');
}

export function csvRow(ir: RuleSetIR, rec: EnterpriseRecord): string {
  // The same record → row mapping eval reads back (cli/io/csv-record.ts), with ASCII separators.
  return recordToCells(rec, ir.items.map((it) => it.id), ';').map(csvCell).join(',');
}

const HELP = `用法 Usage: node dist/bench/make-register.js --rules <规则文件|national> [--count 240] [--format csv|jsonl] [--seed 1] [--out 文件]

按规则集生成确定性的示例登记表（同一规则、数量和种子，输出逐字节相同）。
Generates a deterministic sample register for a rule set (same rules, count and seed: same bytes).
  --rules FILE     规则文件，或 national / rule file, or national
  --count N        企业数，默认 240 / number of enterprises
  --format F       csv（登记表，列见 rules/examples/README.md）或 jsonl（每行一条记录）
  --seed S         随机种子（整数），默认 1 / PRNG seed
  --out FILE       写入文件，默认标准输出 / output file (default: standard output)`;

function parse(argv: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') out.set('help', 'true');
    else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) out.set(a.slice(2, eq), a.slice(eq + 1));
      else out.set(a.slice(2), argv[++i] ?? '');
    } else throw new Error(`未知参数 unknown argument: ${a}`);
  }
  return out;
}

async function main(argv: readonly string[]): Promise<number> {
  let args: Map<string, string>;
  try {
    args = parse(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${HELP}\n`);
    return 2;
  }
  if (args.has('help')) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const spec = args.get('rules');
  const count = Number(args.get('count') ?? '240');
  const seed = Number(args.get('seed') ?? '1');
  const format = args.get('format') ?? 'csv';
  const known = new Set(['rules', 'count', 'seed', 'format', 'out']);
  const unknown = [...args.keys()].filter((k) => !known.has(k));
  if (!spec || !Number.isInteger(count) || count < 0 || !Number.isInteger(seed) || (format !== 'csv' && format !== 'jsonl') || unknown.length) {
    process.stderr.write(`${unknown.length ? `未知选项 unknown option: --${unknown.join(', --')}\n` : ''}${HELP}\n`);
    return 2;
  }
  const result = new Program().compile(resolveRuleSpec(spec));
  for (const d of result.diagnostics) if (d.severity === 'error') process.stderr.write(formatDiagnostic(d) + '\n');
  if (!result.ok || !result.ir) return 1;
  const ir = result.ir;
  const records = generateRecords(ir, loadEvaluator(ir), { count, seed });

  const outPath = args.get('out');
  const sink = outPath ? createWriteStream(outPath) : process.stdout;
  const write = (text: string) => (sink.write(text) ? Promise.resolve() : new Promise<void>((res) => sink.once('drain', () => res())));
  const lines: string[] = format === 'csv' ? [csvHeader(ir)] : [];
  for (const rec of records) {
    lines.push(format === 'csv' ? csvRow(ir, rec) : JSON.stringify(rec));
    if (lines.length >= 2000) await write(lines.splice(0).join('\n') + '\n');
  }
  if (lines.length) await write(lines.join('\n') + '\n');
  if (outPath) await new Promise<void>((res) => (sink as ReturnType<typeof createWriteStream>).end(() => res()));
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
