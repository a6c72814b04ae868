"""The spreadsheet template committees fill in.

Its header is the first accepted name of each column the reader knows (spreadsheet.COLUMNS,
in Chinese, as committees write), then one example row. The xlsx also has a second sheet
of notes: which columns each row needs and what to write, with the business types and ages
of the city's rules; the reader takes only the first sheet, so the notes never come in.
The CSV has no room for notes: the xlsx is the one to hand out.
"""

from __future__ import annotations

import csv
from pathlib import Path

from counter_app.batches.business_column import batch_label_list, batch_labels, newborn_window
from counter_app.batches.spreadsheet import COLUMNS, MAX_ROWS, template_header
from counter_app.domain.business import BusinessRules, BusinessType
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError

MSG_NOT_SAVED = QT_TRANSLATE_NOOP(
    "messages", "The template could not be saved ({problem}): choose another folder or "
                "file name.")

# GB 11643-1999's own example number: nobody's. A row still carrying it is the example
# left in by mistake, and validate.py refuses it.
EXAMPLE_ID = "11010519491231002X"
APPLICANTS_SHEET, NOTES_SHEET = "申请人", "填写说明"
# Excel turns a long run of digits into a number and drops what is past the 15th digit:
# these columns are formatted as text in the xlsx.
TEXT_COLUMNS = ("id_number", "phone", "guardian_id_number", "guardian_phone",
                "old_card_number")
# column key -> (when it is needed, what to write); {…} filled from the rules.
NOTES: dict[str, tuple[str, str]] = {
    "name": ("必填", "与身份证件上的姓名一致，生僻字照常输入。"),
    "id_number": ("必填", "18位公民身份号码，末位可为X。本列为文本格式，请勿改成数字"
                         "（否则后几位会变成0）。"),
    "phone": ("必填", "11位手机号码，或带区号的固定电话。"),
    "ethnicity": ("选填", "空白按汉族。"),
    "household_address": ("选填", "不能以 = + - @ 开头。"),
    "residence_address": ("选填", "不能以 = + - @ 开头。"),
    "guardian_name": ("未满{minor_age}周岁必填", "监护人的姓名。"),
    "guardian_relation": ("未满{minor_age}周岁必填", "申请人与监护人的关系，如：父亲、母亲。"),
    "guardian_id_number": ("未满{minor_age}周岁必填", "监护人的18位公民身份号码；监护人须已成年。"),
    "guardian_phone": ("选填", "空白时用联系电话。"),
    "business_type": ("选填", "填写以下之一：{labels}。{default}"),
    "old_card_number": ("“{renewal}”必填", "“{replacement}”“{renewal}”时填写原卡卡号（印在"
                                           "卡面上）；其他业务类型不用填。"),
}
GENERAL_NOTES = (
    "第一行是列名，请勿修改或删除；列的顺序可以调整，多余的列不会导入。",
    f"第2行是示例（身份证号码 {EXAMPLE_ID}），请删除或直接覆盖，示例行不会受理。",
    "只导入第一张工作表；本“填写说明”工作表不会导入。",
    f"每个文件最多 {MAX_ROWS} 行，更多请分成几个文件。",
)


class TemplateError(CounterError):
    code = "template"


def write_template(out: Path, rules: BusinessRules) -> None:
    """An xlsx template, or a CSV one when *out* ends in .csv. Written beside and then
    renamed, so a failed save never leaves half a template under the name staff chose."""
    write = _write_csv if out.suffix.lower() == ".csv" else _write_xlsx
    partial = out.with_name(out.name + ".part")
    try:
        write(partial, rules)
        partial.replace(out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise TemplateError(MSG_NOT_SAVED, problem=exc.strerror or type(exc).__name__) from exc


def example_row(rules: BusinessRules) -> list[str]:
    values = {"name": "张三", "id_number": EXAMPLE_ID, "phone": "13800138000",
              "ethnicity": "汉族", "household_address": "某县某镇某村某组",
              "business_type": rules.labels[BusinessType.LATER]}
    return [values.get(key, "") for key in COLUMNS]


def notes(rules: BusinessRules) -> list[tuple[str, str, str]]:
    """(column, when needed, what to write) for every column, in the template's order."""
    labels = rules.labels
    params = {"minor_age": rules.minor_age, "labels": batch_labels(rules),
              "default": _default_note(rules), "renewal": labels[BusinessType.RENEWAL],
              "replacement": labels[BusinessType.REPLACEMENT]}
    return [(COLUMNS[key][0], need.format(**params), what.format(**params))
            for key, (need, what) in NOTES.items()]


def _default_note(rules: BusinessRules) -> str:
    later = rules.labels[BusinessType.LATER]
    days = newborn_window(rules)
    if days is None:
        return f"空白时按“{later}”。"
    newborn = rules.labels[BusinessType.NEWBORN]
    return f"空白时：出生{days}天内的儿童按“{newborn}”，其他人按“{later}”。"


def _write_csv(path: Path, rules: BusinessRules) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as stream:  # BOM: Excel reads it
        writer = csv.writer(stream)
        writer.writerow(template_header())
        writer.writerow(example_row(rules))


def _write_xlsx(path: Path, rules: BusinessRules) -> None:
    from openpyxl import Workbook  # large: only when a template is saved

    workbook = Workbook()
    _fill_applicants_sheet(workbook.active, rules)
    _fill_notes_sheet(workbook.create_sheet(NOTES_SHEET), rules)
    workbook.save(path)


def _fill_applicants_sheet(sheet, rules: BusinessRules) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet.title = APPLICANTS_SHEET
    sheet.append(template_header())
    sheet.append(example_row(rules))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, key in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 22 if key in TEXT_COLUMNS else 16
        if key in TEXT_COLUMNS:  # new cells typed into the column are text too
            sheet.column_dimensions[letter].number_format = "@"
            sheet[f"{letter}2"].number_format = "@"
    _offer_business_types(sheet, rules)


def _offer_business_types(sheet, rules: BusinessRules) -> None:
    """A drop-down of the rules' labels in the business type column. Only offered: other
    spellings (补办申领 for the long label) are accepted too, and the import checks."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    labels = batch_label_list(rules)
    choices = ",".join(labels)
    if any("," in label or '"' in label for label in labels) or len(choices) > 255:
        return  # more than a list validation can hold
    letter = get_column_letter(list(COLUMNS).index("business_type") + 1)
    validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True,
                                showErrorMessage=False)
    validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
    sheet.add_data_validation(validation)


def _fill_notes_sheet(sheet, rules: BusinessRules) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.append(["列名", "是否必填", "填写说明"])
    for row in notes(rules):
        sheet.append(list(row))
    sheet.append([])
    for line in GENERAL_NOTES:
        sheet.append([line])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in (("A", 18), ("B", 22), ("C", 80)):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2, max_col=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
