"""A large generated catalogue (thousands of items) for tests and benches of the guide search:
real-looking names made from departments, objects and actions, deterministic for a size."""

from __future__ import annotations

import itertools
from typing import Any

DEPTS = [("县交通运输局", "jt", "道路运输"), ("县水利局", "sl", "取水"),
         ("县文化和旅游局", "wl", "娱乐场所"),
         ("县生态环境局", "hb", "排污"), ("县应急管理局", "yj", "危险化学品经营"),
         ("县卫生健康局", "ws", "医疗机构执业"), ("县住房和城乡建设局", "zj", "建筑施工"),
         ("县农业农村局", "ny", "农药经营"), ("县市场监督管理局", "qy", "特种设备使用"),
         ("县民政局", "mz", "社会团体"), ("县教育局", "jx", "民办学校办学"),
         ("县人力资源和社会保障局", "sb", "劳务派遣经营"), ("县商务局", "sw2", "成品油零售经营"),
         ("县自然资源和规划局", "bdc", "建设用地规划"), ("县林业局", "ly", "林草种子生产经营"),
         ("县消防救援大队", "xf", "公众聚集场所投入使用营业前消防安全检查"),
         ("县气象局", "qx", "雷电防护装置设计审核"), ("县烟草专卖局", "yc", "烟草专卖零售"),
         ("县广播电视局", "gd", "广播电视节目制作经营"), ("县档案馆", "da", "档案查阅")]
ACTIONS = ["许可", "许可变更", "许可延续", "许可注销", "证书补办", "备案", "年度报告",
           "信息查询", "证明开具", "资格认定", "登记", "登记变更", "登记注销", "核准",
           "审批", "审查", "检验", "复核", "换证", "补证"]
SUBJECTS = ["", "（个人）", "（企业）", "（分支机构）", "（农村）", "（城镇）"]


def generated_items(count: int, guide_category: str = "gen") -> list[dict[str, Any]]:
    """`count` items with complete guides, ids g00001 …"""
    combos = itertools.product(SUBJECTS, ACTIONS, DEPTS)
    out = []
    for index, (subject, action, (dept, _key, obj)) in enumerate(combos, start=1):
        if index > count:
            break
        name = f"{obj}{action}{subject}"
        out.append({
            "id": f"g{index:05d}", "code": f"9{index:011d}", "name": name, "name_en": "",
            "department": dept, "category_ids": [guide_category], "queue_category_id": "zhsl",
            "audience": "business" if subject == "（企业）" else "personal",
            "online_available": index % 3 != 0, "form_id": None,
            "keywords": [obj, action.rstrip("变更延续注销")], "bundle_ids": [],
            "guide": {
                "conditions": [f"符合{obj}{action}的法定条件。"],
                "materials": [{"name": "申请书", "originals": 1, "copies": 0, "required": True,
                               "electronic_ok": False, "source": "申请人自备", "note": ""},
                              {"name": "申请人身份证明", "originals": 1, "copies": 1,
                               "required": True, "electronic_ok": True, "source": "公安机关",
                               "note": ""}],
                "fees": [], "legal_limit_days": 20, "promised_limit_days": 10 - index % 10,
                "place": {"hall": "保康县政务服务中心", "window": "综合受理窗口",
                          "address": "保康县城关镇清溪路88号", "hours": "工作日", "phone": ""},
                "online_available": index % 3 != 0, "online_url": "", "max_visits": 1,
                "steps": ["申请", "受理", "审查", "决定"], "legal_basis": [], "notes": []},
        })
    return out


GENERATED_CATEGORY = {"id": "gen", "name_zh": "其他事项", "name_en": "Other services",
                      "audience": "personal", "icon": "folder", "sort": 99}
