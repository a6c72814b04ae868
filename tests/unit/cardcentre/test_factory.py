"""The card factory's result file: every line checked, problems reported per line in words,
and nothing applied unless every line is good."""

import pytest
from sqlalchemy import func, select

from counter_app.cardcentre import factory
from counter_app.central.schema import status_history
from counter_app.domain.cards import MSG_CARD_NUMBER
from tests.cardcentre_helpers import NOW, city_at

HEADER = "申请编号,社会保障卡号,发卡银行,制卡结果,失败原因\n"


@pytest.fixture
def city(tmp_path, fresh_central):
    city = city_at(fresh_central)
    yield city
    city.engine.dispose()


def write(tmp_path, text, name="result.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def history_count(city):
    with city.engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(status_history))


def test_a_good_file_is_applied_whole(city, tmp_path):
    made = city.add("SC001", "SC001-1", status="in_production")
    failed = city.add("SP002", "SP002-1", status="in_production")
    path = write(tmp_path, HEADER + "SC001-1,A12345678,中国工商银行,制卡成功,\n"
                                    "\n"   # blank lines are skipped
                                    "SP002-1,,,失败,照片不清晰\n", encoding="gb18030")
    report = city.centre().import_results(path, NOW)
    assert report.applied and (report.lines, report.produced, report.failed) == (2, 1, 1)
    assert (city.status(made), city.status(failed)) == ("produced", "production_failed")
    card = city.card(made)
    assert (card["card_number"], card["bank"], card["issued_on"]) == (
        "A12345678", "中国工商银行", NOW.date())
    assert city.card(failed)["reason"] == "照片不清晰"
    assert history_count(city) == 2


def test_english_headers_an_xlsx_and_a_date_column(city, tmp_path):
    from openpyxl import Workbook

    key = city.add("SC001", "SC001-1", status="in_production")
    book = Workbook()
    book.active.append(["application_number", "card_number", "bank", "result", "reason",
                        "issued_on"])
    book.active.append(["SC001-1", "A12345678", "ABC", "produced", None, "2026/11/20"])
    book.save(tmp_path / "result.xlsx")
    report = city.centre().import_results(tmp_path / "result.xlsx", NOW)
    assert report.applied
    assert str(city.card(key)["issued_on"]) == "2026-11-20"


def test_bad_lines_are_reported_each_and_nothing_is_applied(city, tmp_path):
    good = city.add("SC001", "SC001-1", status="in_production")
    city.add("SC001", "SC001-2", status="in_production")
    withdrawn = city.add("SC001", "SC001-3", status="withdrawn")
    city.add("SC001", "SC001-4", status="submitted")
    city.add("SC001", "SC001-5", status="in_production")
    city.add("SC001", "SC001-6", status="in_production")
    city.add("SC001", "SC001-7", status="in_production")
    city.add("SC001", "SC001-9", status="produced", card={"card_number": "Z99999999"})
    path = write(tmp_path, HEADER + "\n".join([
        "SC001-1,A00000001,工行,成功,",          # 2: good
        "SC404-1,A00000002,工行,成功,",          # 3: unknown application
        "SC001-1,A00000003,工行,成功,",          # 4: same application again
        "SC001-2,A00000001,工行,成功,",          # 5: same card number again
        "SC001-3,A00000004,工行,成功,",          # 6: withdrawn
        "SC001-4,A00000005,工行,成功,",          # 7: not in production
        "SC001-5,,工行,成功,",                   # 8: produced without a card number
        "SC001-5,A00000006,工行,maybe,",         # 9: same application, bad result
        ",A00000007,工行,失败,",                 # 10: no number, failed without reason
        "SC001-6,z9999 9999,工行,成功,",         # 11: card number of another application
        "SC001-7,A-1,工行,成功,",                # 12: no card number
    ]) + "\n")
    report = city.centre().import_results(path, NOW)
    assert not report.applied and (report.produced, report.failed) == (0, 0)
    by_line = {}
    for problem in report.problems:
        by_line.setdefault(problem.line, []).append(problem.text)
    assert by_line == {
        3: ["No application has the number SC404-1."],
        4: ["Application SC001-1 is also on line 2."],
        5: ["Card number A00000001 is also on line 2."],
        6: ["Application SC001-3 was withdrawn; no card is to be made for it."],
        7: ["Application SC001-4 is not in production (its status is \"submitted\")."],
        8: ["A produced card needs its card number."],
        9: ["Application SC001-5 is also on line 8.",
            "The result \"maybe\" is neither produced nor failed."],
        10: ["The application number is missing.", "A failed card needs the reason."],
        11: ["Card number Z99999999 already belongs to application SC001-9."],
        12: [MSG_CARD_NUMBER],
    }
    assert city.status(good) == "in_production" and city.card(good) is None
    assert city.status(withdrawn) == "withdrawn"
    assert history_count(city) == 0


def test_one_bad_line_among_many_good_ones_stops_them_all(city, tmp_path):
    keys = [city.add("SC001", f"SC001-{n}", status="in_production") for n in range(50)]
    lines = [f"SC001-{n},A{n:08d},工行,成功," for n in range(50)]
    lines[37] = "SC001-37,A00000037,工行,成功,\nSC001-X,A99999999,工行,成功,"
    report = city.centre().import_results(write(tmp_path, HEADER + "\n".join(lines)), NOW)
    assert [(p.line, p.text) for p in report.problems] == [
        (40, "No application has the number SC001-X.")]
    assert {city.status(k) for k in keys} == {"in_production"}


def test_the_same_file_twice_is_refused_the_second_time(city, tmp_path):
    city.add("SC001", "SC001-1", status="in_production")
    path = write(tmp_path, HEADER + "SC001-1,A12345678,工行,成功,\n")
    assert city.centre().import_results(path, NOW).applied
    again = city.centre().import_results(path, NOW)
    assert [p.text for p in again.problems] == [
        "Application SC001-1 is not in production (its status is \"produced\")."]


@pytest.mark.parametrize("content, message", [
    ("", "no lines of cards"),
    (HEADER, "no lines of cards"),
    ("申请编号,银行\nSC001-1,工行\n", "lacks the columns: 社会保障卡号、制卡结果"),
    ("\x00\x01binary", "not a readable spreadsheet"),
])
def test_a_file_that_is_no_result_file_is_refused_as_a_whole(city, tmp_path, content,
                                                             message):
    with pytest.raises(factory.FactoryFileError, match=message):
        city.centre().import_results(write(tmp_path, content), NOW)


def test_a_missing_file_is_refused_in_words(city, tmp_path):
    with pytest.raises(factory.FactoryFileError, match="cannot be opened"):
        city.centre().import_results(tmp_path / "nowhere.csv", NOW)
