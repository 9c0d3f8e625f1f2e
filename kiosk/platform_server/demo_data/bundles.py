"""The 四子三就 life events as 一件事 bundles: 砍树子、修房子、生孩子、开店子、就业、就医、就学."""

from __future__ import annotations

from typing import Any

BUNDLES: list[dict[str, Any]] = [
    {"id": "yjs-kanshu", "name": "砍树子一件事", "name_en": "Felling trees", "life_event": "砍树子",
     "description": "林木采伐许可和木材调运检疫一次申请、一次办结。",
     "item_ids": ["ly-cfxk", "ly-jyzs"], "form_id": None, "promised_limit_days": 5,
     "max_visits": 0},
    {"id": "yjs-xiufang", "name": "修房子一件事", "name_en": "Building a rural house",
     "life_event": "修房子",
     "description": "宅基地和建房审批、乡村建设规划许可、竣工后不动产首次登记联办。",
     "item_ids": ["zj-zjd", "zj-xcgh", "bdc-scdj"], "form_id": None, "promised_limit_days": 15,
     "max_visits": 1},
    {"id": "yjs-chusheng", "name": "出生一件事（生孩子）", "name_en": "Having a baby",
     "life_event": "生孩子",
     "description": "出生医学证明、出生登记落户、城乡居民医保参保、社保卡申领和生育津贴一表申请。",
     "item_ids": ["ws-csyx", "hj-csdj", "yb-jmcb", "sb-sbk", "yb-syjt"],
     "form_id": "f-bundle-birth", "promised_limit_days": 10, "max_visits": 0},
    {"id": "yjs-kaidian", "name": "开店子一件事", "name_en": "Opening a shop",
     "life_event": "开店子",
     "description": "营业执照、食品经营许可、公章刻制和税务登记一次办好。",
     "item_ids": ["qy-gtsl", "qy-spjy", "gg-kz", "sw-xbnsr"], "form_id": "f-bundle-shop",
     "promised_limit_days": 3, "max_visits": 0},
    {"id": "yjs-jiuye", "name": "就业一件事", "name_en": "Starting a job", "life_event": "就业",
     "description": "就业登记、养老保险参保、公积金开户一次办。",
     "item_ids": ["jy-djz", "sb-yljj", "gjj-kh"], "form_id": None, "promised_limit_days": 5,
     "max_visits": 0},
    {"id": "yjs-jiuyi", "name": "就医一件事", "name_en": "Getting treatment",
     "life_event": "就医", "description": "异地就医备案和医保关系转移接续一次办。",
     "item_ids": ["yb-ydjy", "yb-zy"], "form_id": None, "promised_limit_days": 15,
     "max_visits": 0},
    {"id": "yjs-jiuxue", "name": "就学一件事", "name_en": "Going to school",
     "life_event": "就学", "description": "义务教育入学登记和家庭经济困难学生认定一次办。",
     "item_ids": ["jx-rxdj", "jx-zz"], "form_id": None, "promised_limit_days": 10,
     "max_visits": 0},
]


def bundles_of_items() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for bundle in BUNDLES:
        for item_id in bundle["item_ids"]:
            out.setdefault(item_id, []).append(bundle["id"])
    return out
