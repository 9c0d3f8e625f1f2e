"""The region picker's data: the whole mainland down to townships."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kiosk.forms import Level, RegionTree, region_tree
from kiosk.forms.regions_build import main as build_regions
from tests.conftest import REPO


def test_coverage_from_provinces_to_townships():
    tree = region_tree()
    counts = {level: 0 for level in Level}
    for province in tree.provinces():
        counts[Level.PROVINCE] += 1
        for city in tree.children(province.code):
            counts[Level.CITY] += 1
            for county in tree.children(city.code):
                counts[Level.COUNTY] += 1
                counts[Level.TOWNSHIP] += len(tree.children(county.code))
    assert counts[Level.PROVINCE] == 31 and counts[Level.CITY] > 330
    assert counts[Level.COUNTY] > 2900 and counts[Level.TOWNSHIP] > 40000


def test_the_demo_county_and_its_neighbours():
    tree = region_tree()
    townships = [r.name for r in tree.children("420626")]
    assert townships[:3] == ["城关镇", "黄堡镇", "后坪镇"] and "马桥镇" in townships
    assert "两峪乡" in townships
    for county in ("420624", "420625", "420325", "420526", "429021"):  # 南漳 谷城 房县 兴山 神农架
        assert tree.children(county), county
    assert tree.address_text("420626107") == "湖北省襄阳市保康县马桥镇"
    assert [r.label for r in tree.path("420626107")] == ["湖北省", "襄阳市", "保康县", "马桥镇"]


def test_municipalities_read_the_way_people_write_them():
    tree = region_tree()
    assert [c.label for c in tree.children("11")] == ["北京市"]  # not 市辖区
    assert tree.address_text("110101") == "北京市东城区"
    assert tree.children("420626107") == [] and tree.path("99") == []
    assert tree.get("420626").level is Level.COUNTY


def test_the_builder_reads_the_statistics_csvs(tmp_path: Path):
    source = tmp_path / "csv"
    source.mkdir()
    (source / "provinces.csv").write_text('code,name\n42,"湖北省"\n', encoding="utf-8")
    (source / "cities.csv").write_text('code,name,provinceCode\n4206,"襄阳市",42\n',
                                       encoding="utf-8")
    (source / "areas.csv").write_text('code,name,cityCode,provinceCode\n420626,"保康县",4206,42\n',
                                      encoding="utf-8")
    (source / "streets.csv").write_text(
        'code,name,areaCode,provinceCode,cityCode\n420626107,"马桥镇",420626,42,4206\n',
        encoding="utf-8")
    out = tmp_path / "regions.tsv.gz"
    assert build_regions([str(source), "--output", str(out)]) == 0
    tree = RegionTree.load(out)
    assert len(tree) == 4 and tree.address_text("420626107") == "湖北省襄阳市保康县马桥镇"


def test_importing_the_input_method_and_forms_loads_no_data():
    code = ("import kiosk.ime, kiosk.forms, kiosk.forms.regions; r = kiosk.forms.regions; "
            "assert kiosk.ime._engine is None and r._tree is None; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "ok"
