"""A large, plausible service catalogue (事项) for benchmarks: subjects × actions × qualifiers.

Deterministic for a seed. Real catalogues have a few thousand items per county; 2,000 is the
size issue 7 names for the guide search.
"""

from __future__ import annotations

import random

SUBJECTS = (
    "不动产", "房屋所有权", "国有建设用地使用权", "宅基地使用权", "林权", "土地承包经营权",
    "机动车", "机动车驾驶证", "营业执照", "个体工商户", "农民专业合作社", "有限责任公司",
    "食品经营许可", "药品零售许可", "户口", "居民身份证", "出入境证件", "出生医学证明",
    "婚姻", "独生子女父母光荣证", "城乡居民基本养老保险", "职工基本医疗保险", "失业保险",
    "工伤保险", "生育津贴", "住房公积金", "残疾人证", "最低生活保障", "特困人员供养",
    "临时救助", "高龄津贴", "退役军人优待证", "建筑工程施工许可", "排污许可", "取水许可",
    "林木采伐许可", "农村村民住宅建设", "公益性公墓", "社会团体", "民办非企业单位",
    "医师执业", "护士执业", "教师资格", "烟草专卖零售许可", "道路运输经营许可",
    "出租汽车经营", "公共场所卫生许可", "餐饮服务", "犬只登记", "户外广告设置",
    "城市道路占用挖掘", "城市绿地占用", "供水报装", "燃气报装", "用电报装", "学籍",
    "义务教育阶段入学", "就业登记", "失业登记", "创业担保贷款", "职业技能等级认定",
    "农业机械", "渔业船舶", "动物防疫条件合格证", "兽药经营许可", "种子生产经营许可",
    "农药经营许可", "医疗机构执业", "价格举报", "消费投诉", "法律援助", "公证",
    "人民调解", "档案查阅", "无犯罪记录证明", "居住证", "流动人口婚育证明",
)
ACTIONS = (
    "设立登记", "变更登记", "注销登记", "首次登记", "转移登记", "抵押登记", "补领", "换领",
    "申领", "延续", "核准", "备案", "审批", "证明开具", "信息查询", "资格认定", "待遇申领",
    "关系转移接续", "参保登记", "提取", "年度报告", "迁入", "迁出", "申请", "复核",
)
QUALIFIERS = ("", "", "", "（个人）", "（单位）", "（首次申请）", "（遗失补办）", "（跨省通办）")


def catalogue(size: int = 2000, seed: int = 7) -> list[tuple[str, str, float]]:
    """`size` distinct items as (item_id, title, popularity)."""
    rng = random.Random(seed)
    titles: set[str] = set()
    items = []
    while len(items) < size:
        title = rng.choice(SUBJECTS) + rng.choice(ACTIONS) + rng.choice(QUALIFIERS)
        if title not in titles:
            titles.add(title)
            items.append((f"BK-{len(items):05d}", title, round(rng.random() * 10, 2)))
    return items
