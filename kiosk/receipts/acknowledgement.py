"""The 受理回执: proof that an application was received, what with, by whom, and by when it
will be decided; a QR and the application number to check its progress."""

from __future__ import annotations

from drivers.printer.document import QR, Align, Block, Pair, Receipt, Separator, Space, Text
from kiosk.masking import mask_id_number, mask_name
from kiosk.receipts.common import chinese_date, header, labelled, numbered, when
from kiosk.receipts.models import AcknowledgementInfo, Material


def material_line(material: Material) -> str:
    text = f"{material.name}（{material.form} {material.copies} 份）"
    return f"{text}，{material.note}" if material.note else text


def acknowledgement_receipt(info: AcknowledgementInfo, *, columns: int = 48) -> Receipt:
    blocks: list[Block] = [
        *header(info.hall_name, "受理回执", columns),
        Pair("受理编号", info.application_no, bold=True),
        labelled("事项名称", info.item_name),
        Pair("申请人", mask_name(info.applicant_name)),
        Pair("证件号码", mask_id_number(info.applicant_id_number)),
        labelled("受理部门", info.department),
    ]
    if info.window:
        blocks.append(Pair("受理窗口", info.window))
    blocks += [
        Pair("受理时间", when(info.accepted_at)),
        Pair("承诺时限", f"{info.promised_days} 个工作日"),
        Pair("预计办结", f"{chinese_date(info.promised_date)}前", bold=True),
        Separator(),
        Text("已收材料", bold=True),
        *numbered([material_line(m) for m in info.materials]),
        Separator(),
        Space(16),
        QR(info.progress_url, module=5),
        Space(8),
        Text("扫码或凭受理编号查询办理进度", align=Align.CENTER),
        Space(16),
        Text("请妥善保管本回执，领取办理结果时请出示。"),
    ]
    if info.phone:
        blocks.append(labelled("咨询电话", info.phone))
    if info.note:
        blocks += [Separator(), Text(info.note, bold=True)]
    return Receipt("acknowledgement", tuple(blocks))
