// Regions of a register by the prefix of their administrative division code (行政区划代码):
// city level is the first 4 digits, county level the first 6. Names are shipped for the
// example provinces' cities only (浙江 3301–3311, 江苏 3201–3213); other codes are shown as codes.
//
// The map is a schematic tile cartogram: one equal tile per region, placed on a grid in
// roughly its geographic position. It is not a geographic map (no map data is shipped).
import { GREY, percentText } from './html.js';
import { esc } from './escape.js';
import { textWidth } from './svg.js';

/** Provincial-level divisions by the first two digits of their codes (GB/T 2260). */
const PROVINCE_NAMES: Record<string, string> = {
  '11': '北京市', '12': '天津市', '13': '河北省', '14': '山西省', '15': '内蒙古自治区', '21': '辽宁省', '22': '吉林省', '23': '黑龙江省',
  '31': '上海市', '32': '江苏省', '33': '浙江省', '34': '安徽省', '35': '福建省', '36': '江西省', '37': '山东省', '41': '河南省',
  '42': '湖北省', '43': '湖南省', '44': '广东省', '45': '广西壮族自治区', '46': '海南省', '50': '重庆市', '51': '四川省', '52': '贵州省',
  '53': '云南省', '54': '西藏自治区', '61': '陕西省', '62': '甘肃省', '63': '青海省', '64': '宁夏回族自治区', '65': '新疆维吾尔自治区',
  '71': '台湾省', '81': '香港特别行政区', '82': '澳门特别行政区',
};

/** The two-digit code of a province named as a rule set's 地区 says it (浙江省, 浙江), or undefined (全国). */
export function provinceCode(region: string): string | undefined {
  const r = region.trim();
  if (r.length < 2) return undefined;
  return Object.keys(PROVINCE_NAMES).find((k) => PROVINCE_NAMES[k] === r || PROVINCE_NAMES[k]!.startsWith(r));
}

/** City names and tile positions (column, row; north up) of the example provinces. */
export const CITIES: Record<string, { name: string; col: number; row: number }> = {
  // 浙江省
  '3305': { name: '湖州市', col: 1, row: 0 },
  '3304': { name: '嘉兴市', col: 2, row: 0 },
  '3301': { name: '杭州市', col: 1, row: 1 },
  '3306': { name: '绍兴市', col: 2, row: 1 },
  '3302': { name: '宁波市', col: 3, row: 1 },
  '3309': { name: '舟山市', col: 4, row: 1 },
  '3308': { name: '衢州市', col: 0, row: 2 },
  '3307': { name: '金华市', col: 1, row: 2 },
  '3310': { name: '台州市', col: 2, row: 2 },
  '3311': { name: '丽水市', col: 1, row: 3 },
  '3303': { name: '温州市', col: 2, row: 3 },
  // 江苏省
  '3203': { name: '徐州市', col: 0, row: 0 },
  '3207': { name: '连云港市', col: 2, row: 0 },
  '3213': { name: '宿迁市', col: 1, row: 1 },
  '3208': { name: '淮安市', col: 2, row: 1 },
  '3209': { name: '盐城市', col: 3, row: 1 },
  '3210': { name: '扬州市', col: 2, row: 2 },
  '3212': { name: '泰州市', col: 3, row: 2 },
  '3206': { name: '南通市', col: 4, row: 2 },
  '3201': { name: '南京市', col: 1, row: 3 },
  '3211': { name: '镇江市', col: 2, row: 3 },
  '3204': { name: '常州市', col: 3, row: 3 },
  '3202': { name: '无锡市', col: 4, row: 3 },
  '3205': { name: '苏州市', col: 4, row: 4 },
};

export type RegionLevel = 'city' | 'county';

export function regionKey(code: string | undefined, level: RegionLevel): string {
  const digits = (code ?? '').trim().replace(/\s+/g, '');
  if (!/^\d{4,}/.test(digits)) return '';
  return digits.slice(0, level === 'city' ? 4 : 6);
}

/** “杭州市（3301）”, “330106（杭州市）”, or the code alone. */
/** A province's name from the first two digits of a division code, if known. */
export function provinceNameOf(prefix: string): string | undefined {
  return PROVINCE_NAMES[prefix];
}

export function regionName(key: string): string {
  if (key === '') return '未填写区划';
  if (key.length === 4) return CITIES[key] ? `${CITIES[key].name}（${key}）` : key;
  const city = CITIES[key.slice(0, 4)];
  return city ? `${key}（${city.name}）` : key;
}

export function regionShortName(key: string): string {
  if (key.length === 4 && CITIES[key]) return CITIES[key].name;
  return key || '未填写';
}

/** C-share thresholds (percent) between green | blue | yellow | red. */
export const DEFAULT_C_THRESHOLDS: readonly [number, number, number] = [5, 10, 20];
export const SHARE_COLOURS = ['#2e8b57', '#2f6fd0', '#e0b000', '#d23c3c'] as const;

export function shareColour(cShare: number, t: readonly [number, number, number]): string {
  const pct = cShare * 100;
  if (pct < t[0]) return SHARE_COLOURS[0];
  if (pct < t[1]) return SHARE_COLOURS[1];
  if (pct < t[2]) return SHARE_COLOURS[2];
  return SHARE_COLOURS[3];
}

export interface RegionTally {
  key: string;
  total: number;
  c: number;
  /** Enterprises per class (AA, A, B, C): drawn as chips with their numbers in the screen mode. */
  byClass?: Readonly<Record<string, number>>;
}

/** Colour of each class's chip in the screen mode (as the report's charts colour them). */
const CLASS_CHIPS: readonly [string, string][] = [['AA', SHARE_COLOURS[0]], ['A', SHARE_COLOURS[1]], ['B', SHARE_COLOURS[2]], ['C', SHARE_COLOURS[3]]];

export interface MapOptions {
  /**
   * For screens (the web pages): every tile's words and numbers on a white plate (so their
   * contrast does not depend on the band's colour), a pattern per band (none, dots, stripes,
   * cross-hatch) so the band is told without colour, and the class counts as chips.
   */
  screen?: boolean;
}

/** The band (0–3) of a C share, as shareColour colours it. */
export function shareBand(cShare: number, t: readonly [number, number, number]): 0 | 1 | 2 | 3 {
  return SHARE_COLOURS.indexOf(shareColour(cShare, t) as (typeof SHARE_COLOURS)[number]) as 0 | 1 | 2 | 3;
}

/** Band patterns drawn over the colour in the screen mode (band 0 plain). */
const PATTERNS = `<defs><pattern id="band-1" width="8" height="8" patternUnits="userSpaceOnUse"><circle cx="4" cy="4" r="1.6" fill="#fff" fill-opacity=".75"/></pattern>` +
  `<pattern id="band-2" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="3" height="8" fill="#1d2329" fill-opacity=".35"/></pattern>` +
  `<pattern id="band-3" width="8" height="8" patternUnits="userSpaceOnUse"><path d="M0 0L8 8M8 0L0 8" stroke="#fff" stroke-width="1.6" stroke-opacity=".8"/></pattern></defs>`;

/**
 * The cartogram. Known cities keep their grid places (and every city of a province that
 * appears is drawn, grey when it has no enterprise); other regions follow in code order.
 */
export function regionMap(tallies: readonly RegionTally[], level: RegionLevel, t: readonly [number, number, number], title: string, o: MapOptions = {}): string {
  const byKey = new Map(tallies.map((x) => [x.key, x]));
  const tiles: { key: string; col: number; row: number; tally?: RegionTally }[] = [];
  let rowsUsed = 0;
  if (level === 'city') {
    const provinces = new Set(tallies.map((x) => x.key.slice(0, 2)).filter((p) => Object.keys(CITIES).some((k) => k.startsWith(p))));
    for (const [key, c] of Object.entries(CITIES)) {
      if (!provinces.has(key.slice(0, 2))) continue;
      tiles.push({ key, col: c.col, row: c.row, tally: byKey.get(key) });
      rowsUsed = Math.max(rowsUsed, c.row + 1);
    }
  }
  const placed = new Set(tiles.map((x) => x.key));
  const rest = tallies.filter((x) => !placed.has(x.key)).sort((a, b) => a.key.localeCompare(b.key));
  const perRow = 6;
  rest.forEach((x, i) => tiles.push({ key: x.key, col: i % perRow, row: rowsUsed + Math.floor(i / perRow), tally: x }));
  const cols = Math.max(1, ...tiles.map((x) => x.col + 1));
  const rows = Math.max(1, ...tiles.map((x) => x.row + 1));
  const screen = !!o.screen;
  const tw = screen ? 150 : 112;
  const th = screen ? 122 : 74;
  const gap = 6;
  const top = 30;
  const legendH = 40;
  const width = Math.max(cols * (tw + gap), 520);
  const height = top + rows * (th + gap) + legendH;
  const F = 'font-family="Noto Sans CJK SC, Microsoft YaHei, sans-serif"';
  const cells = tiles
    .map((tile) => {
      const x = tile.col * (tw + gap);
      const y = top + tile.row * (th + gap);
      const tl = tile.tally;
      const fill = tl && tl.total > 0 ? shareColour(tl.c / tl.total, t) : '#e9ecef';
      const name = regionShortName(tile.key);
      const line2 = tl && tl.total > 0 ? `C类 ${percentText(tl.c, tl.total)}` : '无企业';
      const line3 = tl && tl.total > 0 ? `${tl.c}/${tl.total} 户` : '';
      const tip = `<title>${esc(`${regionName(tile.key)}：${line2} ${line3}`)}</title>`;
      if (screen) {
        const band = tl && tl.total > 0 ? shareBand(tl.c / tl.total, t) : -1;
        // The colour and pattern frame the tile; the words sit on a white plate inside it.
        const m = 11;
        const chips = tl?.byClass
          ? CLASS_CHIPS.map(([k, colour], i) => {
              const cx = x + m + 8 + (i % 2) * 62;
              const cy = y + 76 + Math.floor(i / 2) * 17;
              return `<rect x="${cx}" y="${cy}" width="11" height="11" fill="${colour}" stroke="#1d2329" stroke-width=".6"/><text x="${cx + 15}" y="${cy + 10}" font-size="11" fill="#1d2329" ${F}>${esc(`${k} ${tl.byClass![k] ?? 0}`)}</text>`;
            }).join('')
          : '';
        return `<g data-region="${esc(tile.key)}" data-band="${band}"><rect x="${x}" y="${y}" width="${tw}" height="${th}" rx="6" fill="${fill}" stroke="#1d2329" stroke-width=".8">${tip}</rect>` +
          (band > 0 ? `<rect x="${x}" y="${y}" width="${tw}" height="${th}" rx="6" fill="url(#band-${band})"/>` : '') +
          `<rect x="${x + m}" y="${y + m}" width="${tw - 2 * m}" height="${th - 2 * m}" rx="3" fill="#fff"/>` +
          `<text x="${x + tw / 2}" y="${y + m + 17}" text-anchor="middle" font-size="${textWidth(name) > tw - 2 * m - 6 ? 11 : 13}" font-weight="600" fill="#1d2329" ${F}>${esc(name)}</text>` +
          `<text x="${x + tw / 2}" y="${y + m + 34}" text-anchor="middle" font-size="12" fill="#1d2329" ${F}>${esc(line2)}</text>` +
          `<text x="${x + tw / 2}" y="${y + m + 50}" text-anchor="middle" font-size="11" fill="#1d2329" ${F}>${esc(line3)}</text>${chips}</g>`;
      }
      const ink = !tl || tl.total === 0 || fill === SHARE_COLOURS[2] ? '#1d2329' : '#fff';
      const size = textWidth(name) > tw - 10 ? 11 : 13;
      return `<g data-region="${esc(tile.key)}"><rect x="${x}" y="${y}" width="${tw}" height="${th}" rx="6" fill="${fill}" stroke="#fff">${tip}</rect>` +
        `<text x="${x + tw / 2}" y="${y + 22}" text-anchor="middle" font-size="${size}" font-weight="600" fill="${ink}" ${F}>${esc(name)}</text>` +
        `<text x="${x + tw / 2}" y="${y + 43}" text-anchor="middle" font-size="12" fill="${ink}" ${F}>${esc(line2)}</text>` +
        `<text x="${x + tw / 2}" y="${y + 61}" text-anchor="middle" font-size="11" fill="${ink}" ${F}>${esc(line3)}</text></g>`;
    })
    .join('');
  const labels = [`C类占比 < ${t[0]}%`, `${t[0]}% – ${t[1]}%`, `${t[1]}% – ${t[2]}%`, `≥ ${t[2]}%`];
  const ly = top + rows * (th + gap) + 14;
  const sw = screen ? 22 : 14;
  const step = screen ? 140 : 128;
  const legend =
    SHARE_COLOURS.map((c, i) => `<rect x="${i * step}" y="${ly}" width="${sw}" height="14" fill="${c}"${screen ? ' stroke="#1d2329" stroke-width=".8"' : ''}/>${screen && i > 0 ? `<rect x="${i * step}" y="${ly}" width="${sw}" height="14" fill="url(#band-${i})"/>` : ''}<text x="${i * step + sw + 5}" y="${ly + 12}" font-size="12" ${F}>${esc(labels[i])}</text>`).join('') +
    `<rect x="${4 * step}" y="${ly}" width="${sw}" height="14" fill="#e9ecef" stroke="${GREY}"/><text x="${4 * step + sw + 5}" y="${ly + 12}" font-size="12" ${F}>无企业</text>`;
  const w = Math.max(width, 5 * step + 70);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${height}" width="${w}" height="${height}" role="img" aria-label="${esc(title)}" class="region-map">` +
    (screen ? PATTERNS : '') + `<text x="0" y="18" font-size="14" font-weight="600" ${F}>${esc(title)}</text>${cells}${legend}</svg>`;
}
