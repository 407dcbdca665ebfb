/**
 * The success example of seed 003 exactly as printed in the vendor's doc — it is NOT valid JSON
 * (`"order_status": 7"show_save_img_btn": false,` lacks a comma and leaves a trailing one before `}`).
 * The simulator can serve it verbatim (fixture mode) so clients prove they report bad_response instead
 * of guessing; the repaired text is the simulator's order 1.
 */
export const SEED_SUCCESS_AS_PRINTED = `{
    "status": 200,
    "msg": "成功",
    "data": {
                "order_id": 1,
        "goods_order_num": "202007110940097797825832",
        "uid": 4,
        "paid_pay": "0.01",
        "deposit_price": "33300.00",
        "goods_pay_price": "33300.00",
        "goods_img": "https://unionshop.union-home.cn/uploads/banner/2020-07-06/5f032dd474753.jpg",
        "goods_title": "KLD28BDF-6F",
        "goods_json": {
            "kwobjsize": {
                "title": "28孔基础款调料台",
                "value": "¥20800"
            },
            "gtcolor": {
                "title": "柜体颜色",
                "value": "咖啡青"
            },
            "syscolor": {
                "title": "石英石颜色",
                "value": "灰姑娘"
            },
            "num": {
                "title": "调料盅款式",
                "value": {
                    "a_num": {
                        "title": "A款数量",
                        "value": 3
                    },
                    "b_num": {
                        "title": "B款数量",
                        "value": 1
                    },
                    "c_num": {
                        "title": "C款数量",
                        "value": 1
                    },
                    "d_num": {
                        "title": "D款数量",
                        "value": 2
                    }
                }
            },
            "chengtitle": {
                "title": "层架选择",
                "value": "不锈钢架层"
            },
            "dgtitle": {
                "title": "碗碟仓灯光",
                "value": "科技蓝"
            },
            "fruidtitle": {
                "title": "冷藏冰鲜水果台",
                "fruitsvalue": "数量(6)",
                "fruidprice": "总价¥4500"
            },
            "ozoneprice": {
                "title": "高温臭氧消毒",
                "value": "¥3500"
            },
            "iceboxprice": {
                "title": "嵌入式冷藏冰箱",
                "value": "¥2000"
            },
            "keepwarmprice": {
                "title": "立式保温粥台",
                "value": "¥2000"
            },
            "superaudibleprice": {
                "title": "超声波驱蚊",
                "value": "¥500"
            },
            "allprice": {
                "title": "合计",
                "value": "¥33300"
            }
        },
        "goods_form": {
            "accounttype": "公司",
            "username": "高海龙",
            "conpanyname": "深圳联盟之都",
            "userphone": "15768868260",
            "wechatnum": "gaohail",
            "emailnum": "1482418657@qq.com"
        },
        "goods_address": {
            "Addressname": "高海龙",
            "region": "广东省深圳市龙岗区",
            "address": "爱南路366号启正源商务中心701室",
            "phone": "15768868260"
        },
        "pay_method": "WeChat",
        "order_remark": "",
        "cancel_remark": "",
        "create_at": "2020-07-11 09:40:09",
        "pay_at": "1594432311",
        "closing_at": "",
        "pay_order_num": "4200000598202006234238986268",
        "exp_time": 0,
        "order_status": 7"show_save_img_btn": false,
    },
    "other": []
}`;

/** The same example with the two syntax errors fixed (nothing else changed). */
export const SEED_SUCCESS_REPAIRED = SEED_SUCCESS_AS_PRINTED.replace(
  '"order_status": 7"show_save_img_btn": false,\n',
  '"order_status": 7,"show_save_img_btn": false\n',
);

/** The error example of seed 003. */
export const SEED_ERROR_EXAMPLE = '{"status":0,"msg":"token过期","data":[]}';
