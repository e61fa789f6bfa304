// 第二条 by category (D9): the scope table (rules/national/scope.yaml) decides which products are
// outside the Measures; a declared category wins; an unrecognised product is in scope and said so.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { codes, compileProvince, decideNational, nationalRecord, REPO, warningCodes } from '../compiler/helpers.js';

const TABLE = parse(readFileSync(join(REPO, 'rules', 'national', 'scope.yaml'), 'utf8')) as { 类别: { 名称: string; 来源: string; 产品: string[] }[] };
const SOURCE = Object.fromEntries(TABLE.类别.map((c) => [c.名称, c.来源]));

// Written here, not read from the table: the test fails if a name goes missing from it.
const EXCLUDED: Record<string, string[]> = {
  特种设备: ['锅炉', '承压蒸汽锅炉', '压力容器', '固定式压力容器', '移动式压力容器', '气瓶', '液化石油气钢瓶', '氧舱', '压力管道', '压力管道元件', '电梯', '乘客电梯', '载货电梯', '自动扶梯', '自动人行道', '起重机械', '塔式起重机', '施工升降机', '客运索道', '大型游乐设施', '过山车', '场（厂）内专用机动车辆', '场(厂)内专用机动车辆', '叉车', '安全阀'],
  计量器具: ['电能表', '电表', '智能电能表', '水表', '冷水水表', '智能水表', '燃气表', '膜式燃气表', '热能表', '热量表', '衡器', '电子秤', '电子计价秤', '台秤', '地磅', '汽车衡', '燃油加油机', '加油机', '出租汽车计价器', '出租车计价器', '血压计', '电子血压计', '体温计', '医用体温计', '压力表'],
  食品: ['乳制品', '乳制品（液体乳）', '液态奶', '牛奶', '酸奶', '奶粉', '粮食加工品', '大米', '小麦粉', '食用植物油', '调味品', '酱油', '食醋', '肉制品', '火腿肠', '饮料', '矿泉水', '方便面', '饼干', '罐头', '冰淇淋', '速冻水饺', '糖果', '茶叶', '白酒', '啤酒', '糕点', '豆制品', '蜂蜜', '保健食品', '婴幼儿配方乳粉'],
  食品添加剂: ['食品添加剂', '复配食品添加剂', '食品用香精', '食用香精', '食品用香料', '食品用酶制剂', '食品工业用加工助剂', '苯甲酸钠', '山梨酸钾', '甜味剂', '阿斯巴甜', '安赛蜜', '三氯蔗糖', '糖精钠', '食用色素', '胭脂红', '柠檬黄', '卡拉胶', '黄原胶', '膨松剂', '泡打粉', '营养强化剂'],
  食品相关产品: ['食品相关产品', '食品用包装材料', '食品包装材料', '食品用塑料包装', '食品用纸包装', '食品用复合膜袋', '食品用铝箔', '食品用玻璃容器', '食品接触用金属制品', '食品用橡胶制品', '食品用容器', '食品用工具', '一次性餐具', '纸杯', '塑料餐盒', '保鲜膜', '食品用洗涤剂', '餐具洗涤剂', '洗洁精', '食品用消毒剂', '餐具消毒剂', '食品加工机械'],
  化妆品: ['化妆品', '护肤品', '面霜', '乳液', '爽肤水', '面膜', '洗面奶', '洁面乳', '防晒霜', '染发剂', '烫发剂', '洗发水', '洗发露', '护发素', '沐浴露', '口红', '唇膏', '粉底', '眼影', '睫毛膏', '指甲油', '香水'],
};

// Industrial products that look like the excluded kinds and are within the Measures.
const LOOK_ALIKES = ['电动自行车', '燃气灶具', '家用电冰箱', '塑料管材', '电热水器', '吸油烟机', '电饭锅', '微波炉', '洗衣机', '空调器', '插头插座', '灯具', '电线电缆', '安全帽', '童车', '儿童玩具', '人造板', '水泥', '防水卷材', '陶瓷砖', '机动车轮胎', '摩托车头盔'];

const scopeStep = (products: string[], extra: Parameters<typeof nationalRecord>[1] = {}) => {
  const d = decideNational(nationalRecord([], { products, ...extra }), { trace: true });
  return { d, text: d.trace.find((s) => s.step === 'scope')!.text, article: d.trace[0]!.article };
};

describe('excluded categories, each with 20 or more names and synonyms', () => {
  it.each(Object.entries(EXCLUDED))('%s: every name is out of scope, the trace names the category and its source', (category, names) => {
    expect(names.length).toBeGreaterThanOrEqual(20);
    for (const name of names) {
      const { d, text, article } = scopeStep([name]);
      expect([name, d.inScope, d.class, d.mode]).toEqual([name, false, null, null]);
      expect(article).toBe('第二条');
      expect(text).toBe(`主要产品均属于第二条规定的不适用类别：${name}属于${category}（依据：${category === name ? '第二条所列类别' : SOURCE[category]}）。这些类别生产企业的监管不适用本办法，不予分类`);
    }
  });
  it('every category of the table cites an official source', () => {
    expect(TABLE.类别.map((c) => c.名称)).toEqual(['特种设备', '计量器具', '食品', '食品添加剂', '食品相关产品', '化妆品']);
    for (const c of TABLE.类别) expect(c.来源).toMatch(/《.+》/);
  });
});

describe('the issue\'s enterprises: elevator, water meter and dairy makers are outside the Measures', () => {
  it.each([['电梯', '特种设备'], ['水表', '计量器具'], ['乳制品', '食品']])('%s → no class, 第二条, %s', (product, category) => {
    const { d, text } = scopeStep([product]);
    expect([d.inScope, d.class, d.assessedClass, d.measures]).toEqual([false, null, null, []]);
    expect(text).toContain(`${product}属于${category}（依据：${SOURCE[category]}）`);
  });
});

describe('look-alike industrial products stay in scope', () => {
  it.each(LOOK_ALIKES)('%s is in scope', (product) => {
    const { d, text } = scopeStep([product]);
    expect([d.inScope, d.class]).toEqual([true, 'AA']);
    expect(text).toMatch(new RegExp(`^主要产品：${product}(是适用本办法的工业产品（产品目录或企业申报）|未识别为第二条规定的不适用类别（范围表和产品目录中都没有这个名称），按适用本办法处理)。本办法适用于这家企业$`));
  });
  it('has 20 look-alikes', () => expect(LOOK_ALIKES.length).toBeGreaterThanOrEqual(20));
  it('an unrecognised product is not claimed to be outside the excluded kinds', () => {
    expect(scopeStep(['压铸铝合金轮毂']).text).toBe('主要产品：压铸铝合金轮毂未识别为第二条规定的不适用类别（范围表和产品目录中都没有这个名称），按适用本办法处理。本办法适用于这家企业');
  });
});

describe('declared categories and mixed producers', () => {
  it('a declared category wins over the table, both ways', () => {
    expect(scopeStep(['蛋白饮品']).d.inScope).toBe(true);
    const rec = nationalRecord([], { products: ['蛋白饮品'] });
    rec.enterprise.productCategories = { 蛋白饮品: '食品' };
    const out = decideNational(rec, { trace: true });
    expect([out.inScope, out.trace[0]!.text]).toEqual([false, '主要产品均属于第二条规定的不适用类别：蛋白饮品属于食品（依据：企业记录申报的产品类别）。这些类别生产企业的监管不适用本办法，不予分类']);
    const meter = nationalRecord([], { products: ['水表'] });
    meter.enterprise.productCategories = { 水表: '工业产品' };
    expect(decideNational(meter).inScope).toBe(true);
  });
  it('a declared category that is no category is error FL5018', () => {
    const rec = nationalRecord([], { products: ['水表'] });
    rec.enterprise.productCategories = { 水表: '仪表' };
    expect(() => decideNational(rec)).toThrow(/FL5018 enterprise\.productCategories\.水表: 产品所属类别“仪表”无效，应为：食品、食品添加剂、食品相关产品、化妆品、计量器具、特种设备、工业产品/);
  });
  it('a mixed producer stays in scope for its other products; the excluded one does not set the risk', () => {
    const { d, text } = scopeStep(['电梯', '电线电缆']);
    expect([d.inScope, d.class, d.riskLevel]).toEqual([true, 'AA', 'Ⅰ级']);
    expect(text).toBe(`主要产品：电梯属于特种设备（依据：${SOURCE['特种设备']}），按第二条“有其他专门规定的从其规定”由其专门规定监管，不计入本次分类的风险等级；电线电缆是适用本办法的工业产品（产品目录或企业申报）。本办法适用于这家企业`);
    expect(scopeStep(['液态奶', '家具']).d.riskLevel).toBe('Ⅲ级');
  });
  it('no warning for an excluded product', () => {
    expect(warningCodes(scopeStep(['电梯', '家具']).d)).toEqual([]);
  });
});

describe('the scope table file', () => {
  it('a province may add its own table; a category outside 不适用产品 is FL2032, a missing file FL2030', () => {
    const table = '类别:\n  - 名称: 化妆品\n    来源: 《化妆品监督管理条例》第三条\n    产品: [牙膏]\n';
    const ok = compileProvince('适用范围:\n  范围表: 范围.yaml\n', { '范围.yaml': table });
    expect(codes(ok)).toEqual([]);
    expect(ok.ir!.scopeTable!.at(-1)).toEqual({ category: '化妆品', source: '《化妆品监督管理条例》第三条', names: ['牙膏'] });
    expect(codes(compileProvince('适用范围:\n  范围表: 范围.yaml\n', { '范围.yaml': table.replace('化妆品', '农药') }))).toEqual(['FL2032']);
    expect(codes(compileProvince('适用范围:\n  范围表: 没有.yaml\n'))).toEqual(['FL2030']);
    expect(codes(compileProvince('适用范围:\n  范围表: 范围.yaml\n', { '范围.yaml': '类别: 3\n' }))).toEqual(['FL2031']);
  });
});
