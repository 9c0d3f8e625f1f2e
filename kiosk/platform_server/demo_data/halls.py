"""The demo county: 保康县政务服务中心 and 马桥镇便民服务中心, their queue categories, and
appointments for today."""

from __future__ import annotations

from typing import Any

WEEKDAYS = [1, 2, 3, 4, 5]
COUNTY_HOURS = [
    {"weekdays": WEEKDAYS, "start": "08:30", "end": "12:00"},
    {"weekdays": WEEKDAYS, "start": "14:00", "end": "17:30"},
    {"weekdays": [6], "start": "09:00", "end": "12:00"},  # 周六上午延时服务
]
TOWNSHIP_HOURS = [
    {"weekdays": WEEKDAYS, "start": "08:30", "end": "12:00"},
    {"weekdays": WEEKDAYS, "start": "14:30", "end": "17:30"},
]

HALLS: list[dict[str, Any]] = [
    {"id": "bk-zwzx", "name": "保康县政务服务中心", "name_en": "Baokang County Government "
     "Service Centre", "level": "county", "address": "湖北省襄阳市保康县城关镇清溪路88号",
     "phone": "0710-5812345", "open_hours": COUNTY_HOURS,
     "notices": ["周六上午延时服务，可办理户籍、社保、不动产查询等业务。",
                 "“一件事一次办”专窗在大厅东侧，帮办代办窗口提供免费帮办。"]},
    {"id": "bk-mq", "name": "保康县马桥镇便民服务中心", "name_en": "Maqiao Town Service Centre",
     "level": "township", "address": "湖北省襄阳市保康县马桥镇集镇中街12号",
     "phone": "0710-5901234", "open_hours": TOWNSHIP_HOURS,
     "notices": ["本中心实行“一窗受理、集成服务”，综合窗口受理全部事项。"]},
]

PRIORITY_ALL = ["elderly", "disabled", "pregnant", "military", "appointment"]


def _cat(hall: str, letter: str, cid: str, zh: str, en: str, desc_zh: str, desc_en: str,
         windows: str, counters: int, minutes: int, sort: int,
         hours: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"id": cid, "hall_id": hall, "letter": letter, "name_zh": zh, "name_en": en,
            "description_zh": desc_zh, "description_en": desc_en, "windows": windows,
            "open_hours": hours or COUNTY_HOURS, "counters_open": counters,
            "service_min": minutes, "priority_reasons": PRIORITY_ALL, "sort": sort}


QUEUE_CATEGORIES: list[dict[str, Any]] = [
    _cat("bk-zwzx", "A", "zhsl", "综合受理", "General services",
         "民政、卫健、教育、林业、住建等事项一窗受理", "Civil affairs, health, education, "
         "forestry and housing at one window", "1-6号窗口", 6, 8, 1),
    _cat("bk-zwzx", "B", "bdcdj", "不动产登记", "Real estate registration",
         "不动产首次、转移、抵押登记和查询", "First, transfer and mortgage registration; "
         "records", "7-10号窗口", 4, 15, 2),
    _cat("bk-zwzx", "C", "sbyb", "社保医保", "Social and medical insurance",
         "养老、医疗保险参保，社保卡，异地就医备案", "Pension and medical insurance, social "
         "security cards, treatment elsewhere", "11-14号窗口", 4, 10, 3),
    _cat("bk-zwzx", "D", "gjj", "公积金", "Housing provident fund",
         "住房公积金缴存、提取和贷款", "Housing fund deposits, withdrawals and loans",
         "15-16号窗口", 2, 12, 4),
    _cat("bk-zwzx", "E", "hjbl", "户籍办理", "Household registration",
         "出生登记、户口迁移、身份证办理", "Birth registration, moving hukou, ID cards",
         "17-19号窗口", 3, 10, 5),
    _cat("bk-zwzx", "F", "qykb", "企业开办", "Starting a business",
         "个体工商户和企业设立、食品经营许可、公章刻制", "Sole traders and companies, food "
         "licences, company seals", "20-22号窗口", 3, 20, 6),
    _cat("bk-zwzx", "G", "sw", "税务", "Taxation", "新办纳税人、发票、代开发票",
         "New taxpayers, invoices", "23-26号窗口", 4, 10, 7),
    _cat("bk-zwzx", "H", "bbdb", "帮办代办", "Assisted services",
         "老年人、残疾人和企业项目帮办代办", "Staff help the elderly, the disabled and "
         "businesses", "27号窗口", 1, 15, 8),
    _cat("bk-mq", "A", "mq-zhsl", "综合受理", "General services", "本镇事项一窗受理",
         "Every township service at one window", "1-3号窗口", 3, 10, 1, TOWNSHIP_HOURS),
    _cat("bk-mq", "B", "mq-sbyb", "社保医保", "Social and medical insurance",
         "养老、医疗保险参保和待遇", "Pension and medical insurance", "4号窗口", 1, 10, 2,
         TOWNSHIP_HOURS),
    _cat("bk-mq", "H", "mq-bbdb", "帮办代办", "Assisted services", "帮办代办",
         "Staff help", "5号窗口", 1, 15, 3, TOWNSHIP_HOURS),
]

# Demo citizens for appointments; their ID numbers carry valid GB 11643 check digits.
DEMO_CITIZENS = [
    ("张建国", "42062619520315151X"),
    ("李秀英", "42062619880612002X"),
    ("王小明", "420626199910101237"),
]

# (code, citizen index, category, item id, item name, minutes from now to the slot's start)
APPOINTMENTS = [
    ("YY20000001", 0, "bdcdj", "bdc-zydj", "不动产转移登记", 10),
    ("YY20000002", 1, "sbyb", "sb-yljj", "城乡居民基本养老保险参保登记", 90),
    ("YY20000003", 2, "hjbl", "hj-sfz", "居民身份证换领", -60),
    ("YY20000004", 1, "gjj", "gjj-tq", "住房公积金提取（租房）", -5),
]
