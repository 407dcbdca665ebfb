/**
 * Vocabulary of the union-home simulator: catering-equipment products configured through goods_json
 * options (like the seed's 调料台), buyers' company data and addresses. Prices are whole yuan.
 */

export interface BaseProduct {
  readonly title: string;
  readonly model: string;
  readonly yuan: number;
}

export const BASE_PRODUCTS: readonly BaseProduct[] = [
  { title: '28孔基础款调料台', model: 'KLD28BDF-6F', yuan: 20800 },
  { title: '32孔豪华款调料台', model: 'KLD32HHF-8F', yuan: 25800 },
  { title: '24孔简约款调料台', model: 'KLD24JYF-4F', yuan: 16800 },
  { title: '36孔旗舰款自助调料台', model: 'KLD36QJF-9F', yuan: 31800 },
  { title: '火锅店双层自助餐台', model: 'HGZ-1800S', yuan: 12800 },
  { title: '海底捞同款小料台', model: 'XLT-1500B', yuan: 9800 },
];

export interface ChoiceOption {
  readonly key: string;
  readonly title: string;
  readonly values: readonly string[];
}

export const CHOICE_OPTIONS: readonly ChoiceOption[] = [
  { key: 'gtcolor', title: '柜体颜色', values: ['咖啡青', '象牙白', '胡桃木', '雅士灰', '中国红'] },
  { key: 'syscolor', title: '石英石颜色', values: ['灰姑娘', '雪山白', '黑金沙', '爵士白'] },
];

export const LATER_CHOICES: readonly ChoiceOption[] = [
  { key: 'chengtitle', title: '层架选择', values: ['不锈钢架层', '钢化玻璃层', '实木层架'] },
  { key: 'dgtitle', title: '碗碟仓灯光', values: ['科技蓝', '暖白光', '冷白光'] },
];

/** The seed's nested `num` option: how many seasoning pots of each style. */
export const POT_STYLES = [
  { key: 'a_num', title: 'A款数量' },
  { key: 'b_num', title: 'B款数量' },
  { key: 'c_num', title: 'C款数量' },
  { key: 'd_num', title: 'D款数量' },
] as const;

/** Priced add-ons shown as `{title, value:"¥3500"}`. */
export const ADDONS = [
  { key: 'ozoneprice', title: '高温臭氧消毒', yuan: 3500 },
  { key: 'iceboxprice', title: '嵌入式冷藏冰箱', yuan: 2000 },
  { key: 'keepwarmprice', title: '立式保温粥台', yuan: 2000 },
  { key: 'superaudibleprice', title: '超声波驱蚊', yuan: 500 },
] as const;

/** The `fruidtitle` quirk: `{title, fruitsvalue:"数量(6)", fruidprice:"总价¥4500"}`, priced per unit. */
export const FRUIT_TABLE = { key: 'fruidtitle', title: '冷藏冰鲜水果台', unitYuan: 750 } as const;

export const COMPANIES = ['深圳联盟之都', '广州味道餐饮管理有限公司', '成都川香火锅店', '杭州小肥羊餐饮连锁', '北京老灶火锅', '重庆德庄火锅'] as const;

export const REGIONS = ['广东省深圳市龙岗区', '广东省广州市天河区', '四川省成都市锦江区', '浙江省杭州市西湖区', '北京市朝阳区', '重庆市渝中区'] as const;

export const ROADS = ['爱南路', '天河北路', '春熙路', '文三路', '建国路', '解放碑步行街'] as const;

export const BUILDINGS = ['启正源商务中心', '中信广场', '国际金融中心', '万达广场', '科技园'] as const;

export const PINYIN = ['gaohail', 'zhangwei', 'wangfang', 'lina88', 'liuyang', 'chenjing', 'yanglei', 'zhaomin'] as const;

export const REMARKS = ['', '', '', '请工作日送货', '安装前请先联系，电话{phone}', '发票抬头同公司名，发到{email}'] as const;

export const CANCEL_REMARKS = ['用户取消', '超时未支付，系统自动取消', '重复下单'] as const;

/**
 * Status paths (order_status codes) an order walks through; the last code of each is final for the app.
 * 0 待支付 → 1 支付成功 → 7 未发货 → 6 已发货 → 9 未收货 → 8 已收货 / 10 已评价 / 11 未评价,
 * or 0 → 3 订单取消, 0 → 2 支付失败, 0 → 1 → 7 → 4 退款中 → 5 已退款.
 */
export const STATUS_PATHS: readonly (readonly number[])[] = [
  [0, 1, 7, 6, 9, 8],
  [0, 1, 7, 6, 9, 10],
  [0, 1, 7, 6, 9, 11],
  [0, 3],
  [0, 2],
  [0, 1, 7, 4, 5],
];

/** Cumulative weights for STATUS_PATHS (must end at 1). */
export const STATUS_PATH_WEIGHTS = [0.3, 0.5, 0.65, 0.8, 0.85, 1] as const;
