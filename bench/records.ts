// Deterministic, realistic national inspection records for benchmarks, generated in memory.
// Most enterprises pass most items; ★ items fail rarely; the scale (18) and awards (19)
// items fail for most enterprises; some records carry a previous class, trigger events since
// the previous review, Level Ⅰ products, special inspections, unknown or out-of-scope products.
import { withCheckDigit, type EnterpriseRecord, type IrItem } from '../runtime/index.js';
import { pick, rng, type Weighted } from '../test/fixtures/prng.js';

// Products as the national catalogue knows them (Level Ⅰ/Ⅱ/Ⅲ), some it does not know
// (counted as Ⅲ级 with a warning) and some the Measures exclude (第二条).
const PRODUCTS: Weighted<string> = [
  ['电线电缆', 4], ['危险化学品', 3], ['化肥', 3], ['电热水器', 2], ['燃气灶具', 2], ['电动自行车', 2], ['安全帽', 1], ['建筑用钢筋', 3],
  ['水泥', 6], ['人造板', 5], ['儿童玩具', 5], ['童车', 3], ['家用电器', 7], ['机动车轮胎', 4],
  ['纺织服装', 18], ['家具', 14], ['陶瓷砖', 9],
  ['五金工具', 4], ['塑料制品', 3], ['办公文具', 1],
  ['压力容器', 0.8], ['电子秤', 0.6], ['食品用塑料包装', 0.6],
];
const REGIONS = ['浙江', '江苏', '广东', '山东', '河北', '福建', '四川', '湖北'];
/** A county-level division code (GB/T 2260) in each of REGIONS. */
const REGION_CODES = ['330106', '320581', '440606', '370102', '130102', '350102', '510104', '420102'];
const TRADES = ['精工', '宏达', '华兴', '永安', '恒信', '金源', '瑞丰', '新世纪', '东方', '长城'];
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// Enterprise quality: multiplies the failure rates of the ordinary items.
const QUALITY: Weighted<{ factor: number; prev: Weighted<string> }> = [
  [{ factor: 0.5, prev: [['AA', 3], ['A', 5], ['B', 2]] }, 65],
  [{ factor: 1.6, prev: [['A', 3], ['B', 6], ['C', 1]] }, 28],
  [{ factor: 6, prev: [['B', 5], ['C', 5]] }, 7],
];
// Base failure rate per item (before the quality factor).
const FAIL_RATE: Record<string, number> = { '13': 0.22, '18': 0.55, '19': 0.6 };
const ORDINARY_FAIL = 0.03;
const DIRECTIVE_FAIL = 0.004;
const STRUCTURAL = new Set(['18', '19']); // scale and awards do not follow the quality factor

const EVENTS: Weighted<string> = [['抽查不合格', 40], ['行政处罚', 20], ['拒绝抽查', 15], ['媒体曝光', 10], ['严重隐患', 10], ['其他降级情形', 5]];

const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2023, 0, 1) / DAY;
const LAST_DAY = Date.UTC(2025, 5, 30) / DAY;
const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** `count` records for the given items (answer words follow each item's pair), seeded. */
export function makeRecords(items: readonly Pick<IrItem, 'id' | 'pair' | 'directive'>[], count: number, seed = 20110101): EnterpriseRecord[] {
  const r = rng(seed);
  const out = new Array<EnterpriseRecord>(count);
  for (let i = 0; i < count; i++) {
    const q = pick(r, QUALITY);
    const products = [pick(r, PRODUCTS)];
    if (r() < 0.25) {
      const second = pick(r, PRODUCTS);
      if (second !== products[0]) products.push(second);
    }
    const k = Math.floor(r() * REGIONS.length);
    const region = REGIONS[k]!;
    let prefix = '91' + String(330000 + Math.floor(r() * 320000));
    for (let k = prefix.length; k < 17; k++) prefix += CHARS[Math.floor(r() * CHARS.length)];
    let creditCode = withCheckDigit(prefix);
    if (r() < 0.01) creditCode = creditCode.slice(0, 17) + (creditCode[17] === '0' ? '1' : '0'); // a typo: warning FL5105

    const day = FIRST_DAY + Math.floor(r() * (LAST_DAY - FIRST_DAY + 1));
    const form = pick(r, [['定期监督检查', 80], ['专项监督检查', 12], ['回访', 8]] as const);
    const answers: Record<string, string> = {};
    for (const it of items) {
      const base = it.directive ? DIRECTIVE_FAIL : (FAIL_RATE[it.id] ?? ORDINARY_FAIL);
      const rate = it.directive || STRUCTURAL.has(it.id) ? base : Math.min(0.95, base * q.factor);
      const pass = r() >= rate;
      answers[it.id] = it.pair === 'conform' ? (pass ? '符合' : '不符合') : pass ? '未发现问题' : '发现问题';
    }
    const inspection: EnterpriseRecord['inspection'] = { date: iso(day), form, answers };
    const declared = r();
    if (declared < 0.06) inspection.riskLevel = 'Ⅰ级';
    else if (declared < 0.1) inspection.riskLevel = 'Ⅲ级';

    const rec: EnterpriseRecord = {
      id: `QY${String(i + 1).padStart(7, '0')}`,
      enterprise: { name: `${region}${TRADES[Math.floor(r() * TRADES.length)]}${products[0]}有限公司`, creditCode, region: REGION_CODES[k]!, products },
      inspection,
    };
    if (r() >= 0.25) {
      // Classified before: the previous review about a year ago (a follow-up visit or
      // special inspection falls between reviews).
      const gap = form === '定期监督检查' ? 330 + Math.floor(r() * 70) : 30 + Math.floor(r() * 270);
      const history: NonNullable<EnterpriseRecord['history']> = { previousClass: pick(r, q.prev) };
      if (r() >= 0.03) history.previousReviewDate = iso(day - gap); // else warning FL5107
      if (r() < 0.1 * q.factor) {
        const n = 1 + Math.floor(r() * 3);
        history.events = [];
        for (let k = 0; k < n; k++) history.events.push({ type: pick(r, EVENTS), date: iso(day - Math.floor(r() * 700)) });
      }
      rec.history = history;
    }
    out[i] = rec;
  }
  return out;
}
