"""The annual report as an XLSX workbook, laid out like the tables of 国办公开办函〔2021〕30号."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

BOLD = Font(bold=True)


def report_workbook(report) -> Workbook:
    figures = report.figures or {}
    documents = figures.get("documents", {})
    requests = figures.get("requests", {"columns": [], "rows": []})
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "年报"
    sheet.append([report.title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    sheet.append(["二、主动公开政府信息情况"])
    sheet.append(["第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数"])
    for key, label in (("rule", "规章"), ("normative", "行政规范性文件")):
        row = documents.get(key, {})
        sheet.append(
            ["", label, row.get("issued", 0), row.get("repealed", 0), row.get("in_force", 0)]
        )
    sheet.append(["第二十条第（五）项", "行政许可", report.permits])
    sheet.append(["第二十条第（六）项", "行政处罚", report.penalties])
    sheet.append(["第二十条第（六）项", "行政强制", report.enforcement])
    sheet.append(["第二十条第（八）项", "行政事业性收费（万元）", float(report.fees)])
    sheet.append([])
    sheet.append(["三、收到和处理政府信息公开申请情况"])
    sheet.append(
        ["本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和", *requests["columns"]]
    )
    for row in requests["rows"]:
        sheet.append([row["label"], *row["values"]])
    sheet.append([])
    sheet.append(["四、政府信息公开行政复议、行政诉讼情况"])
    sheet.append(["", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"])
    for row in report.review_rows():
        sheet.append([row["label"], *row["values"]])
    if figures.get("bodies"):
        sheet.append([])
        sheet.append(["各机关情况", "本年主动公开文件", "本年新收申请", "本年办结申请"])
        for row in figures["bodies"]:
            sheet.append([row["name"], row["published"], row["new_requests"], row["closed"]])
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value[:2] in ("二、", "三、", "四、", "各机"):
                cell.font = BOLD
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 48
    for column in "BCDEFGH":
        sheet.column_dimensions[column].width = 14
    return workbook
