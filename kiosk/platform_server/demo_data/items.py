"""The demo service catalogue: guide categories and 37 service items (事项) with full guides,
written the way a county's 办事指南 reads."""

from __future__ import annotations

from typing import Any

GUIDE_CATEGORIES: list[dict[str, Any]] = [
    {"id": "hj", "name_zh": "户籍证件", "name_en": "Household registration and ID",
     "audience": "personal", "icon": "card-account-details", "sort": 1},
    {"id": "bdc", "name_zh": "不动产", "name_en": "Real estate", "audience": "personal",
     "icon": "home-city", "sort": 2},
    {"id": "sb", "name_zh": "社保医保", "name_en": "Social and medical insurance",
     "audience": "personal", "icon": "shield-account", "sort": 3},
    {"id": "gjj", "name_zh": "住房公积金", "name_en": "Housing provident fund",
     "audience": "personal", "icon": "piggy-bank", "sort": 4},
    {"id": "qy", "name_zh": "企业开办", "name_en": "Starting a business", "audience": "business",
     "icon": "store", "sort": 5},
    {"id": "sw", "name_zh": "税务", "name_en": "Taxation", "audience": "business",
     "icon": "receipt", "sort": 6},
    {"id": "ly", "name_zh": "林业", "name_en": "Forestry", "audience": "personal",
     "icon": "pine-tree", "sort": 7},
    {"id": "zj", "name_zh": "农房建设", "name_en": "Rural housing", "audience": "personal",
     "icon": "home-plus", "sort": 8},
    {"id": "ws", "name_zh": "生育卫健", "name_en": "Births and health", "audience": "personal",
     "icon": "baby-face", "sort": 9},
    {"id": "jy", "name_zh": "就业创业", "name_en": "Jobs", "audience": "personal",
     "icon": "briefcase", "sort": 10},
    {"id": "jx", "name_zh": "教育就学", "name_en": "Schooling", "audience": "personal",
     "icon": "school", "sort": 11},
    {"id": "mz", "name_zh": "民政婚姻", "name_en": "Civil affairs and marriage",
     "audience": "personal", "icon": "account-heart", "sort": 12},
]

DEPARTMENTS = {
    "hj": "县公安局", "bdc": "县自然资源和规划局", "sb": "县人力资源和社会保障局",
    "yb": "县医疗保障局", "gjj": "襄阳住房公积金中心保康办事处", "qy": "县市场监督管理局",
    "sw": "国家税务总局保康县税务局", "ly": "县林业局", "zj": "县农业农村局",
    "ws": "县卫生健康局", "jx": "县教育局", "mz": "县民政局", "gg": "县公安局治安大队",
}

ID_CARD = ("居民身份证", 1, 1, "公安机关")
HUKOU = ("居民户口簿", 1, 1, "公安机关")
PHOTO = ("近期免冠彩色照片（两寸）", 0, 2, "申请人自备")
BDC_FEE = ("不动产登记费（住宅）", "80.00", "发改价格规〔2016〕2559号")


def m(name: str, originals: int = 1, copies: int = 0, source: str = "申请人自备",
      required: bool = True, note: str = "", electronic_ok: bool = False) -> dict[str, Any]:
    return {"name": name, "originals": originals, "copies": copies, "source": source,
            "required": required, "note": note, "electronic_ok": electronic_ok}


def _mat(spec: Any) -> dict[str, Any]:
    if isinstance(spec, dict):
        return spec
    name, originals, copies, source = spec
    return m(name, originals, copies, source, electronic_ok=source == "公安机关")


# id, code, name, English, department key, guide category, queue category, online,
# legal days, promised days, fees [(name, yuan, basis)], materials, form id, keywords
ITEMS: list[tuple[Any, ...]] = [
    ("hj-csdj", "000114001000", "出生登记", "Birth registration", "hj", "hj", "hjbl", True, 20,
     0, [], [m("出生医学证明", 1, 1, "助产机构"), HUKOU, m("父母居民身份证", 1, 1, "公安机关"),
             m("结婚证", 1, 1, "民政部门", required=False, note="非婚生育的免交")],
     "f-birth-reg", ["落户", "新生儿", "上户口"]),
    ("hj-sfz", "000114002000", "居民身份证换领", "Renewing a resident ID card", "hj", "hj",
     "hjbl", False, 60, 15, [("居民身份证工本费", "20.00", "鄂价费〔2004〕88号")],
     [ID_CARD, HUKOU], None, ["身份证到期", "换证"]),
    ("hj-qy", "000114003000", "户口迁移（省内）", "Moving household registration",
     "hj", "hj", "hjbl", True, 20, 1, [],
     [HUKOU, ID_CARD, m("迁入地住房证明（房产证或购房合同）", 1, 1)], None, ["迁户口", "户口迁入"]),
    ("hj-bl", "000114004000", "居民户口簿补领", "Replacing a household register", "hj",
     "hj", "hjbl", False, 20, 0, [], [ID_CARD, m("户主或本人书面申请", 1, 0)], None,
     ["户口本丢了"]),
    ("hj-sw", "000114005000", "死亡注销户口登记", "Cancelling registration after a death",
     "hj", "hj", "hjbl", False, 20, 0, [],
     [m("居民死亡医学证明（推断）书", 1, 1, "医疗机构"), HUKOU,
      m("死者居民身份证", 1, 0, "公安机关")],
     None, ["销户"]),
    ("bdc-scdj", "000173001000", "不动产首次登记（房屋所有权）", "First registration of a home",
     "bdc", "bdc", "bdcdj", True, 30, 5, [BDC_FEE],
     [ID_CARD, m("土地权属来源材料", 1, 1), m("建设工程符合规划的材料", 1, 1, "规划部门"),
      m("房屋已竣工的材料", 1, 1), m("房产测绘报告", 1, 1, "测绘机构")], None,
     ["房产证", "不动产权证书"]),
    ("bdc-zydj", "000173002000", "不动产转移登记（二手房买卖）", "Transferring a home (sale)",
     "bdc", "bdc", "bdcdj", True, 30, 3, [BDC_FEE],
     [ID_CARD, m("不动产权证书", 1, 0, "不动产登记机构"), m("存量房买卖合同", 1, 1),
      m("完税凭证", 1, 1, "税务部门"), m("婚姻状况证明", 1, 1, "民政部门")], None,
     ["过户", "二手房"]),
    ("bdc-dydj", "000173003000", "不动产抵押登记", "Registering a mortgage", "bdc", "bdc",
     "bdcdj", True, 30, 1, [BDC_FEE],
     [ID_CARD, m("不动产权证书", 1, 0, "不动产登记机构"), m("主债权合同", 1, 1),
      m("抵押合同", 1, 1)], None, ["房贷", "抵押"]),
    ("bdc-cx", "000173004000", "不动产登记资料查询", "Looking up land and property records",
     "bdc", "bdc", "bdcdj", True, 5, 0, [], [ID_CARD, m("查询申请书", 1, 0)], "f-bdc-query",
     ["查档", "房产查询", "不动产证明"]),
    ("sb-yljj", "000127001000", "城乡居民基本养老保险参保登记",
     "Joining the residents' basic pension scheme", "sb", "sb", "sbyb", True, 15, 0, [],
     [ID_CARD, HUKOU], "f-pension", ["养老保险", "新农保", "参保"]),
    ("yb-jmcb", "000128001000", "城乡居民基本医疗保险参保登记",
     "Joining the residents' medical insurance", "yb", "sb", "sbyb", True, 15, 0, [],
     [ID_CARD, HUKOU], None, ["医保", "新农合", "参保缴费"]),
    ("sb-sbk", "000127002000", "社会保障卡申领", "Applying for a social security card", "sb",
     "sb", "sbyb", True, 30, 7, [], [ID_CARD, PHOTO], None, ["社保卡", "补卡"]),
    ("yb-zy", "000128002000", "基本医疗保险关系转移接续",
     "Transferring medical insurance", "yb", "sb", "sbyb", True, 45, 15, [],
     [ID_CARD, m("参保凭证", 1, 1, "转出地医保经办机构")], None, ["医保转移"]),
    ("yb-ydjy", "000128003000", "异地就医备案", "Registering for treatment elsewhere", "yb",
     "sb", "sbyb", True, 5, 0, [], [ID_CARD, m("社会保障卡", 1, 0, "人社部门"),
                                     m("异地居住证明或转诊证明", 1, 1, required=False)], None,
     ["异地报销", "就医备案"]),
    ("yb-syjt", "000128004000", "生育津贴支付", "Maternity allowance", "yb", "ws", "sbyb", True,
     30, 10, [], [ID_CARD, m("出生医学证明", 1, 1, "助产机构"),
                  m("住院费用结算单", 1, 1, "医疗机构")],
     None, ["生育保险", "产假工资"]),
    ("gjj-tq", "000130001000", "住房公积金提取（租房）", "Housing fund withdrawal for rent",
     "gjj", "gjj", "gjj", True, 3, 0, [], [ID_CARD, m("本人银行卡", 1, 0),
                                            m("房屋租赁合同", 1, 1, required=False)], None,
     ["公积金提取", "租房提取"]),
    ("gjj-dk", "000130002000", "住房公积金个人住房贷款", "Housing fund home loan", "gjj", "gjj",
     "gjj", False, 15, 10, [], [ID_CARD, m("婚姻状况证明", 1, 1, "民政部门"),
                                m("购房合同", 1, 1), m("首付款凭证", 1, 1), m("收入证明", 1, 0)],
     None, ["公积金贷款", "买房贷款"]),
    ("gjj-kh", "000130003000", "住房公积金个人账户设立", "Opening a housing fund account", "gjj",
     "gjj", "gjj", True, 5, 0, [], [ID_CARD, m("劳动合同", 1, 1)], None, ["公积金开户"]),
    ("qy-gtsl", "000133001000", "个体工商户设立登记", "Registering a sole trader", "qy", "qy",
     "qykb", True, 15, 0, [], [ID_CARD, m("经营场所使用证明", 1, 1)], "f-getihu",
     ["个体户", "营业执照", "开店"]),
    ("qy-gssl", "000133002000", "有限责任公司设立登记", "Registering a limited company", "qy",
     "qy", "qykb", True, 15, 1, [], [m("公司登记（备案）申请书", 1, 0), m("公司章程", 1, 0),
                                      m("股东主体资格证明", 1, 1), m("住所使用证明", 1, 1)], None,
     ["注册公司", "营业执照"]),
    ("qy-spjy", "000133003000", "食品经营许可", "Food business licence", "qy", "qy", "qykb",
     True, 20, 5, [], [m("营业执照", 1, 1, "市场监管部门"), m("经营场所平面图", 1, 1),
                       m("食品安全管理制度", 1, 0), m("从业人员健康证明", 1, 1, "医疗机构")],
     None, ["餐饮", "小吃店", "食品许可证"]),
    ("gg-kz", "000135001000", "公章刻制备案", "Registering a company seal", "gg", "qy", "qykb",
     True, 1, 0, [], [m("营业执照", 1, 1, "市场监管部门"), ID_CARD], None, ["刻章", "印章"]),
    ("sw-xbnsr", "000136001000", "新办纳税人“套餐式”服务", "New taxpayer package", "sw", "sw",
     "sw", True, 1, 0, [], [m("营业执照", 1, 0, "市场监管部门"), ID_CARD], None,
     ["税务登记", "发票"]),
    ("sw-fply", "000136002000", "发票领用", "Obtaining invoices", "sw", "sw", "sw", True, 1, 0,
     [], [ID_CARD, m("税务UKey", 1, 0, "税务部门")], None, ["领发票"]),
    ("sw-dkfp", "000136003000", "代开增值税发票", "Invoices issued on your behalf", "sw", "sw",
     "sw", True, 1, 0, [], [ID_CARD, m("合同或交易证明", 1, 1)], None, ["代开发票"]),
    ("ly-cfxk", "000149001000", "林木采伐许可证核发", "Tree felling permit", "ly", "ly", "zhsl",
     True, 20, 5, [], [ID_CARD, m("林权证或林木权属证明", 1, 1, "林业部门"),
                       m("伐区调查设计文件", 1, 0, required=False,
                         note="采伐蓄积15立方米以下免交")],
     "f-logging", ["砍树", "采伐证"]),
    ("ly-jyzs", "000149002000", "植物检疫证书核发（林木调运）", "Plant quarantine certificate",
     "ly", "ly", "zhsl", True, 20, 3, [], [ID_CARD, m("林木采伐许可证", 1, 1, "林业部门")],
     None, ["木材运输", "检疫"]),
    ("zj-zjd", "000150001000", "农村村民宅基地和建房审批", "Homestead and rural house approval",
     "zj", "zj", "zhsl", True, 20, 10, [], [ID_CARD, HUKOU, m("农村宅基地和建房（规划许可）申请表",
                                                              1, 0, "乡镇政府"),
                                            m("村民小组会议记录", 1, 0, "村委会")],
     "f-homestead", ["建房", "盖房子", "宅基地"]),
    ("zj-xcgh", "000150002000", "乡村建设规划许可证核发", "Rural planning permit", "zj", "zj",
     "zhsl", True, 20, 7, [], [ID_CARD, m("建房设计图或通用图", 1, 1)], None, ["规划许可"]),
    ("ws-sydj", "000141001000", "生育登记", "Registering a birth plan", "ws", "ws", "zhsl", True,
     1, 0, [], [m("夫妻双方居民身份证", 1, 1, "公安机关"), m("结婚证", 1, 1, "民政部门")], None,
     ["准生证", "生育服务证"]),
    ("ws-csyx", "000141002000", "出生医学证明首次签发", "Issuing a medical birth certificate",
     "ws", "ws", "zhsl", False, 1, 0, [], [m("父母居民身份证", 1, 1, "公安机关"),
                                           m("新生儿出院小结", 1, 1, "助产机构")], None,
     ["出生证"]),
    ("jy-djz", "000127003000", "就业创业证申领", "Employment and business card", "sb", "jy",
     "sbyb", True, 5, 0, [], [ID_CARD, PHOTO], "f-employment", ["就业登记", "失业证"]),
    ("jy-sydj", "000127004000", "失业登记", "Registering as unemployed", "sb", "jy", "sbyb", True,
     5, 0, [], [ID_CARD, m("解除劳动合同证明", 1, 1, required=False)], None, ["失业保险金"]),
    ("jx-rxdj", "000138001000", "义务教育阶段入学登记", "Enrolling in primary or middle school",
     "jx", "jx", "zhsl", True, 10, 5, [], [HUKOU, m("监护人居民身份证", 1, 1, "公安机关"),
                                          m("居住证明", 1, 1, required=False)], None,
     ["上学", "小学报名", "转学"]),
    ("jx-zz", "000138002000", "家庭经济困难学生认定", "Student financial aid", "jx", "jx",
     "zhsl", True, 15, 10, [], [ID_CARD, HUKOU, m("家庭经济困难情况说明", 1, 0)], None,
     ["助学金", "资助"]),
    ("mz-jhdj", "000142001000", "内地居民结婚登记", "Marriage registration", "mz", "mz", "zhsl",
     False, 1, 0, [], [m("双方居民身份证", 1, 0, "公安机关"), m("双方户口簿", 1, 0, "公安机关"),
                        m("双方近期半身免冠合影照片", 0, 3)], None, ["领证", "结婚证"]),
    ("mz-db", "000142002000", "最低生活保障申请", "Applying for minimum living allowance",
     "mz", "mz", "bbdb", True, 30, 20, [], [ID_CARD, HUKOU, m("家庭收入情况声明", 1, 0)], None,
     ["低保", "救助"]),
]

HALL_PLACE = {"hall": "保康县政务服务中心", "address": "保康县城关镇清溪路88号",
              "hours": "周一至周五 8:30-12:00，14:00-17:30；周六 9:00-12:00",
              "phone": "0710-5812345"}


def item_documents(windows: dict[str, str], bundles_of: dict[str, list[str]]
                   ) -> list[dict[str, Any]]:
    """The items as contract `ServiceItem` dictionaries."""
    docs = []
    for (item_id, code, name, name_en, dept, gcat, qcat, online, legal, promised, fees,
         materials, form_id, keywords) in ITEMS:
        guide = {
            "conditions": [f"申请人符合《{name}》办理条件，材料齐全、符合法定形式。"],
            "materials": [_mat(x) for x in materials],
            "fees": [{"name": f, "amount_yuan": a, "basis": b} for f, a, b in fees],
            "legal_limit_days": legal, "promised_limit_days": promised,
            "place": {**HALL_PLACE, "window": windows.get(qcat, "综合窗口")},
            "online_available": online,
            "online_url": f"https://zwfw.hubei.gov.cn/item/{code}" if online else "",
            "max_visits": 0 if online else 1,
            "steps": ["申请", "受理", "审查", "决定", "办结"],
            "legal_basis": [f"{DEPARTMENTS[dept]}{name}办事规程"],
            "notes": ["可在本机扫描材料后提交，也可到窗口办理。"] if form_id else [],
        }
        docs.append({"id": item_id, "code": code, "name": name, "name_en": name_en,
                     "department": DEPARTMENTS[dept], "category_ids": [gcat],
                     "queue_category_id": qcat,
                     "audience": "business" if gcat in ("qy", "sw") else "personal",
                     "online_available": online, "form_id": form_id, "keywords": keywords,
                     "guide": guide, "bundle_ids": bundles_of.get(item_id, [])})
    return docs
