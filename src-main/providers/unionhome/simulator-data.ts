/**
 * The union-home simulator's dataset: order `id` is a pure function of (seed, id), computed on demand, so
 * any size (1..1,000,000 ids) costs nothing until asked. Order 1 is the seed document's example.
 *
 * - Ids run 1..maxId with gaps: some ids are "deleted" and answer 订单不存在. Every multiple of
 *   (MAX_ID_GAP + 1) exists, so at most MAX_ID_GAP = 3 consecutive ids are missing; a scanner that stops
 *   after K > 3 consecutive misses (sync uses 20) finds every order.
 * - `mutate(count)` starts a new generation: `count` new orders appear above maxId (status 待支付), and
 *   every non-final order advances one step along its status path with probability 1/2 per generation.
 * - Time formats are mixed like the real API: create_at is Shanghai wall time, pay_at Unix seconds as a
 *   string ("" or "0" when unpaid), closing_at wall time or "". Some records carry the documented type
 *   variants: goods_order_num as a bare 24-digit number, exp_time as text, show_save_img_btn as text.
 */
import { digits, pick, randomInt, recordRandom, CHINESE_NAMES } from '../simulator-random.js';
import { toShanghaiWallTime } from '../../domain/time.js';
import { ADDONS, BASE_PRODUCTS, BUILDINGS, CANCEL_REMARKS, CHOICE_OPTIONS, COMPANIES, FRUIT_TABLE, LATER_CHOICES, PINYIN, POT_STYLES, REGIONS, REMARKS, ROADS, STATUS_PATHS, STATUS_PATH_WEIGHTS } from './simulator-catalog.js';
import { SEED_SUCCESS_REPAIRED } from './simulator-seed.js';

export type JsonObject = Record<string, unknown>;

/** At most this many consecutive ids are missing (deleted) between existing orders. */
export const MAX_ID_GAP = 3;
const DELETED_SHARE = 0.08;
/** create_at of order 1 (2020-07-11 09:40:09 CST); order i is created ≈ 5 min after order i-1. */
const SEED_CREATED_S = 1_594_431_609;
const CREATE_STEP_S = 300;
const CREATE_JITTER_S = 250;
const CLOSE_AFTER_S = 1800;
const UNPAID = new Set([0, 2, 3]);

/** Ground truth of one order in exact integers, for tests. */
export interface UnionhomeTruth {
  readonly orderId: number;
  readonly orderNo: string;
  readonly uid: string;
  readonly orderStatus: number;
  readonly totalFen: number;
  readonly depositFen: number;
  readonly paidFen: number;
  readonly createdAtMs: number;
  readonly paidAtMs: number | null;
  /** The base product (first priced option). */
  readonly title: string;
  readonly model: string;
  /** Priced goods_json options, in order. */
  readonly items: readonly { key: string; title: string; fen: number; quantity: number }[];
  /** Every phone number and e-mail in goods_form / goods_address / order_remark (must never be shown unmasked). */
  readonly pii: readonly string[];
}

interface OrderFacts {
  readonly id: number;
  readonly path: readonly number[];
  /** Step on `path` when the order is first served (generation it was born in). */
  readonly initialStep: number;
  readonly orderNo: string;
  readonly uid: number;
  readonly totalFen: number;
  readonly depositFen: number;
  /** What is paid once paid (full, deposit or a 0.01 test payment). */
  readonly paidFen: number;
  readonly createdS: number;
  readonly paidS: number;
  readonly payMethod: string;
  readonly payOrderNo: string;
  readonly image: string;
  readonly model: string;
  readonly goodsJson: JsonObject;
  readonly items: UnionhomeTruth['items'];
  readonly form: JsonObject;
  readonly address: JsonObject;
  readonly remark: string;
  readonly cancelRemark: string;
  readonly expTime: number;
  readonly showSaveImage: boolean;
  readonly pii: readonly string[];
}

function yuan2(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

function fenOf(yuanText: string): number {
  const [int = '0', frac = ''] = yuanText.split('.');
  return Number(int) * 100 + Number(frac.padEnd(2, '0').slice(0, 2));
}

function seedFacts(): OrderFacts {
  const data = (JSON.parse(SEED_SUCCESS_REPAIRED) as { data: Record<string, unknown> }).data;
  const text = (key: string): string => String(data[key]);
  const form = data.goods_form as JsonObject;
  const goodsJson = data.goods_json as Record<string, { title: string }>;
  const item = (key: string, fen: number, quantity = 1) => ({ key, title: goodsJson[key]?.title ?? key, fen, quantity });
  return {
    id: 1,
    path: STATUS_PATHS[0]!,
    initialStep: 2, // 7 未发货, as printed
    orderNo: text('goods_order_num'),
    uid: Number(data.uid),
    totalFen: fenOf(text('goods_pay_price')),
    depositFen: fenOf(text('deposit_price')),
    paidFen: fenOf(text('paid_pay')),
    createdS: SEED_CREATED_S,
    paidS: Number(text('pay_at')),
    payMethod: text('pay_method'),
    payOrderNo: text('pay_order_num'),
    image: text('goods_img'),
    model: text('goods_title'),
    goodsJson,
    items: [
      item('kwobjsize', 2_080_000),
      item('fruidtitle', 450_000, 6),
      item('ozoneprice', 350_000),
      item('iceboxprice', 200_000),
      item('keepwarmprice', 200_000),
      item('superaudibleprice', 50_000),
    ],
    form,
    address: data.goods_address as JsonObject,
    remark: text('order_remark'),
    cancelRemark: text('cancel_remark'),
    expTime: 0,
    showSaveImage: false,
    pii: [String(form.userphone), String(form.emailnum)],
  };
}

const SEED_FACTS = seedFacts();

function pickPath(rand: () => number): readonly number[] {
  const r = rand();
  const index = STATUS_PATH_WEIGHTS.findIndex((w) => r < w);
  return STATUS_PATHS[index < 0 ? 0 : index]!;
}

function buildGoods(rand: () => number): { goodsJson: JsonObject; items: UnionhomeTruth['items']; model: string; totalFen: number } {
  const base = pick(rand, BASE_PRODUCTS);
  const goodsJson: JsonObject = { kwobjsize: { title: base.title, value: `¥${base.yuan}` } };
  const items: { key: string; title: string; fen: number; quantity: number }[] = [
    { key: 'kwobjsize', title: base.title, fen: base.yuan * 100, quantity: 1 },
  ];
  for (const choice of CHOICE_OPTIONS) goodsJson[choice.key] = { title: choice.title, value: pick(rand, choice.values) };
  const pots: JsonObject = {};
  for (const style of POT_STYLES) pots[style.key] = { title: style.title, value: randomInt(rand, 0, 6) };
  goodsJson.num = { title: '调料盅款式', value: pots };
  for (const choice of LATER_CHOICES) goodsJson[choice.key] = { title: choice.title, value: pick(rand, choice.values) };
  const fruits = randomInt(rand, -3, 8);
  if (fruits > 0) {
    const yuan = fruits * FRUIT_TABLE.unitYuan;
    goodsJson[FRUIT_TABLE.key] = { title: FRUIT_TABLE.title, fruitsvalue: `数量(${fruits})`, fruidprice: `总价¥${yuan}` };
    items.push({ key: FRUIT_TABLE.key, title: FRUIT_TABLE.title, fen: yuan * 100, quantity: fruits });
  }
  for (const addon of ADDONS) {
    if (rand() < 0.5) continue;
    goodsJson[addon.key] = { title: addon.title, value: `¥${addon.yuan}` };
    items.push({ key: addon.key, title: addon.title, fen: addon.yuan * 100, quantity: 1 });
  }
  const totalFen = items.reduce((sum, item) => sum + item.fen, 0);
  goodsJson.allprice = { title: '合计', value: `¥${totalFen / 100}` };
  return { goodsJson, items, model: base.model, totalFen };
}

function mobile(rand: () => number): string {
  return `1${pick(rand, ['3', '5', '7', '8', '9'])}${digits(rand, 9)}`;
}

function buildBuyer(rand: () => number): { form: JsonObject; address: JsonObject; remark: string; pii: string[] } {
  const name = pick(rand, CHINESE_NAMES);
  const isCompany = rand() < 0.7;
  const phone = mobile(rand);
  const wechat = `${pick(rand, PINYIN)}${randomInt(rand, 1, 999)}`;
  const email = rand() < 0.5 ? `${digits(rand, 10)}@qq.com` : `${wechat}@163.com`;
  const form = {
    accounttype: isCompany ? '公司' : '个人',
    username: name,
    conpanyname: isCompany ? pick(rand, COMPANIES) : '',
    userphone: phone,
    wechatnum: wechat,
    emailnum: email,
  };
  const receiverPhone = rand() < 0.7 ? phone : mobile(rand);
  const address = {
    Addressname: rand() < 0.7 ? name : pick(rand, CHINESE_NAMES),
    region: pick(rand, REGIONS),
    address: `${pick(rand, ROADS)}${randomInt(rand, 1, 999)}号${pick(rand, BUILDINGS)}${randomInt(rand, 1, 30)}0${randomInt(rand, 1, 9)}室`,
    phone: receiverPhone,
  };
  const remark = pick(rand, REMARKS).replace('{phone}', receiverPhone).replace('{email}', email);
  return { form, address, remark, pii: [...new Set([phone, email, receiverPhone])] };
}

function generatedFacts(seed: number, id: number): OrderFacts {
  const rand = recordRandom(seed, id);
  const createdS = SEED_CREATED_S + (id - 1) * CREATE_STEP_S + randomInt(rand, 0, CREATE_JITTER_S);
  const path = pickPath(rand);
  const goods = buildGoods(rand);
  const buyer = buildBuyer(rand);
  const depositFen = rand() < 0.5 ? goods.totalFen : Math.floor((goods.totalFen * 3) / 1000) * 100;
  const payKind = rand();
  const paidFen = payKind < 0.6 ? goods.totalFen : payKind < 0.9 ? depositFen : 1;
  const payMethod = rand() < 0.6 ? 'WeChat' : 'Alipay';
  const paidS = createdS + randomInt(rand, 30, 900);
  const day = toShanghaiWallTime(paidS * 1000).slice(0, 10).replace(/-/g, '');
  return {
    id,
    path,
    initialStep: randomInt(rand, 0, path.length - 1),
    orderNo: toShanghaiWallTime(createdS * 1000).replace(/\D/g, '') + digits(rand, 10),
    uid: randomInt(rand, 1, 5000),
    totalFen: goods.totalFen,
    depositFen,
    paidFen,
    createdS,
    paidS,
    payMethod,
    payOrderNo: payMethod === 'WeChat' ? `4200000${digits(rand, 21)}` : `${day}2200${digits(rand, 16)}`,
    image: `https://unionshop.union-home.cn/uploads/banner/2020-07-06/5f${digits(rand, 11)}.jpg`,
    model: goods.model,
    goodsJson: goods.goodsJson,
    items: goods.items,
    form: buyer.form,
    address: buyer.address,
    remark: buyer.remark,
    cancelRemark: pick(rand, CANCEL_REMARKS),
    expTime: rand() < 0.5 ? 0 : CLOSE_AFTER_S,
    showSaveImage: rand() < 0.3,
    pii: buyer.pii,
  };
}

export function orderFacts(seed: number, id: number): OrderFacts {
  return id === 1 ? SEED_FACTS : generatedFacts(seed, id);
}

/** Whether the id was "deleted" (answers 订单不存在 even though it is ≤ maxId). */
export function isDeletedId(seed: number, id: number): boolean {
  if (id === 1 || id % (MAX_ID_GAP + 1) === 0) return false;
  return recordRandom((seed ^ 0x5bd1e995) >>> 0, id)() < DELETED_SHARE;
}

/** Whether the id emits goods_order_num as a bare JSON number (the doc's "int"). */
export function emitsBareOrderNumber(id: number): boolean {
  return id % 10 === 3;
}

/** The `data` object the gateway returns for an order in a given status (field order as in the seed). */
export function detailData(facts: OrderFacts, status: number): JsonObject {
  const unpaid = UNPAID.has(status);
  const closed = status === 2 || status === 3;
  const id = facts.id;
  return {
    order_id: id,
    goods_order_num: facts.orderNo,
    uid: facts.uid,
    paid_pay: yuan2(unpaid ? 0 : facts.paidFen),
    deposit_price: yuan2(facts.depositFen),
    goods_pay_price: yuan2(facts.totalFen),
    goods_img: facts.image,
    goods_title: facts.model,
    goods_json: facts.goodsJson,
    goods_form: facts.form,
    goods_address: facts.address,
    pay_method: facts.payMethod,
    order_remark: facts.remark,
    cancel_remark: status === 3 ? facts.cancelRemark : '',
    create_at: toShanghaiWallTime(facts.createdS * 1000),
    pay_at: unpaid ? (id % 2 === 0 ? '' : '0') : String(facts.paidS),
    closing_at: closed ? toShanghaiWallTime((facts.createdS + CLOSE_AFTER_S) * 1000) : '',
    pay_order_num: unpaid ? '' : facts.payOrderNo,
    exp_time: id % 11 === 0 ? String(facts.expTime) : facts.expTime,
    order_status: status,
    show_save_img_btn: id % 13 === 0 ? String(facts.showSaveImage) : facts.showSaveImage,
  };
}

export function truthOf(facts: OrderFacts, status: number): UnionhomeTruth {
  const unpaid = UNPAID.has(status);
  return {
    orderId: facts.id,
    orderNo: facts.orderNo,
    uid: String(facts.uid),
    orderStatus: status,
    totalFen: facts.totalFen,
    depositFen: facts.depositFen,
    paidFen: unpaid ? 0 : facts.paidFen,
    createdAtMs: facts.createdS * 1000,
    paidAtMs: unpaid ? null : facts.paidS * 1000,
    title: facts.items[0]?.title ?? facts.model,
    model: facts.model,
    items: facts.items,
    pii: facts.pii,
  };
}
