"""Form schemas for seven items and two 一件事 bundles: field types, validation rules, and
which ID card field prefills which form field."""

from __future__ import annotations

from typing import Any


def f(name: str, zh: str, en: str, ftype: str, *, required: bool = True,
      prefill: str | None = None, personal: bool = False, help_zh: str = "",
      **rules: Any) -> dict[str, Any]:
    return {"name": name, "label_zh": zh, "label_en": en, "type": ftype, "required": required,
            "prefill": prefill, "personal": personal, "help_zh": help_zh, "rules": rules}


def choices(*pairs: tuple[str, str, str]) -> list[dict[str, str]]:
    return [{"value": v, "label_zh": zh, "label_en": en} for v, zh, en in pairs]


SEX = choices(("male", "男", "Male"), ("female", "女", "Female"))


def applicant(title: str = "申请人信息") -> dict[str, Any]:
    return {"title_zh": title, "title_en": "Applicant", "fields": [
        f("name", "姓名", "Name", "text", prefill="name", personal=True, max_length=30),
        f("sex", "性别", "Sex", "choice", prefill="sex", choices=SEX),
        f("nation", "民族", "Ethnic group", "text", prefill="nation", max_length=10),
        f("birth_date", "出生日期", "Date of birth", "date", prefill="birth_date",
          max_date="today"),
        f("id_number", "公民身份号码", "ID number", "id_number", prefill="id_number",
          personal=True),
        f("address", "住址", "Address", "address", prefill="address", personal=True,
          region_required=True, max_length=100),
        f("phone", "联系电话", "Phone", "phone", personal=True),
    ]}


SIGN = {"title_zh": "确认", "title_en": "Confirmation", "fields": [
    f("consent", "本人承诺所填信息真实有效", "I confirm the information is true", "consent",
      consent_text="本人承诺以上信息和所交材料真实、有效，如有虚假愿承担法律责任。"),
    f("signature", "申请人签名", "Signature", "signature"),
]}


def slot(kind: str, zh: str, en: str, required: bool = True, pages: int = 2) -> dict[str, Any]:
    return {"kind": kind, "label_zh": zh, "label_en": en, "required": required,
            "max_pages": pages}


ID_SLOT = slot("id_card", "身份证正反面", "ID card, both sides")

FORMS: list[dict[str, Any]] = [
    {"id": "f-birth-reg", "version": 1, "title": "出生登记申请表", "title_en": "Birth registration",
     "item_id": "hj-csdj", "sections": [
         applicant("申报人（父亲或母亲）信息"),
         {"title_zh": "新生儿信息", "title_en": "The baby", "fields": [
             f("baby_name", "新生儿姓名", "Baby's name", "text", max_length=20, personal=True),
             f("baby_sex", "新生儿性别", "Baby's sex", "choice", choices=SEX),
             f("baby_birth_date", "出生日期", "Date of birth", "date", min_date="today-1y",
               max_date="today"),
             f("birth_cert_no", "出生医学证明编号", "Birth certificate number", "text",
               pattern="^[A-Z][0-9]{9}$", help_zh="一个大写字母加九位数字，如 Q420123456"),
             f("relation", "申报人与新生儿关系", "Relation", "choice",
               choices=choices(("father", "父亲", "Father"), ("mother", "母亲", "Mother"))),
         ]}, SIGN],
     "attachments": [slot("birth_certificate", "出生医学证明", "Medical birth certificate"),
                     ID_SLOT,
                     slot("hukou", "户口簿户主页和本人页", "Household register", pages=4)]},
    {"id": "f-bdc-query", "version": 1, "title": "不动产登记资料查询申请表",
     "title_en": "Property records request", "item_id": "bdc-cx", "sections": [
         applicant("查询人信息"),
         {"title_zh": "查询内容", "title_en": "What to look up", "fields": [
             f("purpose", "查询目的", "Purpose", "choice", choices=choices(
                 ("loan", "办理贷款", "A loan"), ("school", "子女入学", "School enrolment"),
                 ("lawsuit", "诉讼", "A lawsuit"), ("other", "其他", "Other"))),
             f("property_address", "不动产坐落", "Property address", "address",
               required=False, max_length=100),
             f("copies", "打印份数", "Copies", "number", minimum=1, maximum=10, decimals=0),
         ]}, SIGN],
     "attachments": [ID_SLOT]},
    {"id": "f-pension", "version": 2, "title": "城乡居民基本养老保险参保登记表",
     "title_en": "Residents' pension registration", "item_id": "sb-yljj", "sections": [
         applicant("参保人信息"),
         {"title_zh": "缴费", "title_en": "Contributions", "fields": [
             f("grade", "缴费档次（元/年）", "Yearly contribution (yuan)", "choice",
               choices=choices(*[(str(v), f"{v}元", f"{v} yuan")
                                 for v in (300, 500, 1000, 2000, 3000, 5000)])),
             f("bank_account", "代扣银行卡号", "Bank card number", "text", personal=True,
               pattern="^[0-9]{16,19}$"),
         ]}, SIGN],
     "attachments": [ID_SLOT]},
    {"id": "f-getihu", "version": 1, "title": "个体工商户登记（备案）申请书",
     "title_en": "Sole trader registration", "item_id": "qy-gtsl", "sections": [
         applicant("经营者信息"),
         {"title_zh": "经营信息", "title_en": "The business", "fields": [
             f("shop_name", "个体工商户名称", "Business name", "text", required=False,
               max_length=40, help_zh="可不起字号名称"),
             f("business_scope", "经营范围", "Business scope", "text", max_length=200),
             f("premises", "经营场所", "Premises", "address", region_required=True,
               max_length=100),
             f("capital", "资金数额（万元）", "Capital (10,000 yuan)", "number", minimum=0,
               maximum=100000, decimals=2),
             f("staff", "从业人数", "Staff", "number", minimum=1, maximum=999, decimals=0),
         ]}, SIGN],
     "attachments": [ID_SLOT, slot("premises_proof", "经营场所使用证明", "Proof of premises")]},
    {"id": "f-logging", "version": 1, "title": "林木采伐许可证申请表",
     "title_en": "Tree felling permit", "item_id": "ly-cfxk", "sections": [
         applicant(),
         {"title_zh": "采伐信息", "title_en": "Felling", "fields": [
             f("forest_location", "林木所在地（乡镇、村、小地名）", "Forest location", "address",
               region_required=True, max_length=100),
             f("species", "树种", "Species", "choice", choices=choices(
                 ("pine", "马尾松", "Masson pine"), ("fir", "杉木", "Chinese fir"),
                 ("oak", "栎类", "Oak"), ("other", "其他", "Other"))),
             f("volume_m3", "采伐蓄积（立方米）", "Volume (m³)", "number", minimum=0.1,
               maximum=500, decimals=1),
             f("felling_method", "采伐方式", "Method", "choice", choices=choices(
                 ("selective", "择伐", "Selective"), ("clear", "皆伐", "Clear-cut"),
                 ("thinning", "间伐", "Thinning"))),
             f("felling_start", "计划采伐开始日期", "Planned start", "date", min_date="today"),
         ]}, SIGN],
     "attachments": [ID_SLOT, slot("forest_right", "林权证", "Forest rights certificate")]},
    {"id": "f-homestead", "version": 1, "title": "农村宅基地和建房（规划许可）申请表",
     "title_en": "Homestead and house approval", "item_id": "zj-zjd", "sections": [
         applicant("户主信息"),
         {"title_zh": "建房信息", "title_en": "The house", "fields": [
             f("household_size", "家庭人口", "Household size", "number", minimum=1,
               maximum=30, decimals=0),
             f("build_type", "建房类型", "Type", "choice", choices=choices(
                 ("new", "新建", "New"), ("rebuild", "原址翻建", "Rebuild"),
                 ("extend", "改扩建", "Extension"))),
             f("site", "拟建地址", "Site", "address", region_required=True, max_length=100),
             f("floor_area", "占地面积（平方米）", "Footprint (m²)", "number", minimum=10,
               maximum=140, decimals=1, help_zh="每户宅基地面积不超过140平方米"),
             f("floors", "层数", "Floors", "number", minimum=1, maximum=3, decimals=0),
         ]}, SIGN],
     "attachments": [ID_SLOT, slot("hukou", "户口簿", "Household register", pages=6)]},
    {"id": "f-employment", "version": 1, "title": "就业创业证申领表",
     "title_en": "Employment card", "item_id": "jy-djz", "sections": [
         applicant(),
         {"title_zh": "就业情况", "title_en": "Employment", "fields": [
             f("status", "就业状态", "Status", "choice", choices=choices(
                 ("employed", "已就业", "Employed"), ("self", "自主创业", "Self-employed"),
                 ("unemployed", "失业", "Unemployed"))),
             f("employer", "工作单位", "Employer", "text", required=False, max_length=60),
             f("education", "文化程度", "Education", "choice", choices=choices(
                 ("primary", "小学", "Primary"), ("middle", "初中", "Middle school"),
                 ("high", "高中/中专", "High school"), ("college", "大专及以上", "College"))),
         ]}, SIGN],
     "attachments": [ID_SLOT]},
    {"id": "f-bundle-birth", "version": 1, "title": "出生一件事联办申请表",
     "title_en": "Having a baby: one application", "bundle_id": "yjs-chusheng", "sections": [
         applicant("申请人（父亲或母亲）信息"),
         {"title_zh": "新生儿出生登记", "title_en": "Birth registration", "item_id": "hj-csdj",
          "fields": [
              f("baby_name", "新生儿姓名", "Baby's name", "text", max_length=20, personal=True),
              f("baby_sex", "新生儿性别", "Baby's sex", "choice", choices=SEX),
              f("baby_birth_date", "出生日期", "Date of birth", "date", min_date="today-1y",
                max_date="today"),
          ]},
         {"title_zh": "医保参保", "title_en": "Medical insurance", "item_id": "yb-jmcb",
          "fields": [f("insure_baby", "为新生儿办理城乡居民医保", "Insure the baby", "consent",
                       required=False, consent_text="同意为新生儿参加城乡居民基本医疗保险。")]},
         {"title_zh": "社保卡", "title_en": "Social security card", "item_id": "sb-sbk",
          "fields": [f("card_delivery", "社保卡领取方式", "Card delivery", "choice",
                       choices=choices(("hall", "到大厅领取", "Collect in the hall"),
                                       ("post", "邮寄到家", "By post")))]},
         SIGN],
     "attachments": [slot("birth_certificate", "出生医学证明", "Medical birth certificate"),
                     ID_SLOT]},
    {"id": "f-bundle-shop", "version": 1, "title": "开店子一件事联办申请表",
     "title_en": "Opening a shop: one application", "bundle_id": "yjs-kaidian", "sections": [
         applicant("经营者信息"),
         {"title_zh": "营业执照", "title_en": "Business licence", "item_id": "qy-gtsl",
          "fields": [
              f("shop_name", "店名", "Shop name", "text", max_length=40),
              f("premises", "经营场所", "Premises", "address", region_required=True,
                max_length=100),
              f("business_scope", "经营范围", "Business scope", "text", max_length=200),
          ]},
         {"title_zh": "食品经营许可", "title_en": "Food licence", "item_id": "qy-spjy",
          "fields": [
              f("sells_food", "是否经营食品", "Sells food", "choice", choices=choices(
                  ("yes", "是", "Yes"), ("no", "否", "No"))),
              f("food_kind", "食品经营项目", "Food business", "choice", required=False,
                multiple=True, choices=choices(
                    ("prepacked", "预包装食品销售", "Pre-packed food"),
                    ("catering", "热食类食品制售", "Hot food"),
                    ("drinks", "自制饮品制售", "Drinks"))),
          ]},
         {"title_zh": "税务", "title_en": "Tax", "item_id": "sw-xbnsr", "fields": [
             f("invoice_needed", "是否需要领用发票", "Needs invoices", "choice", choices=choices(
                 ("yes", "是", "Yes"), ("no", "否", "No"))),
         ]}, SIGN],
     "attachments": [ID_SLOT, slot("premises_proof", "经营场所使用证明", "Proof of premises")]},
]
