"""Vouchers, rejection notices, guides and batch printing as services."""

import dataclasses
import datetime as dt
import re
import uuid

import pytest
from sqlalchemy import select

from counter_app.domain.business import BusinessType
from counter_app.domain.lifecycle import Status
from counter_app.services import batches, documents, intake, printing
from counter_app.services.documents import DocumentError
from counter_app.store.models import AuditRecord
from tests.batch_helpers import applicant_rows, batch_applications, examine, write_csv
from tests.helpers import opened
from tests.unit.documents.support import application_at, needs_poppler, run

pytestmark = needs_poppler


def flat_text(ctx, pdf) -> str:
    return run("pdftotext", str(opened(ctx, pdf)), "-").replace("\n", "").replace(" ", "")


def pages(ctx, pdf) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(opened(ctx, pdf))),
                         re.M).group(1))


def audit_actions(ctx) -> list[str]:
    with ctx.sessions() as session:
        return list(session.scalars(select(AuditRecord.action).order_by(AuditRecord.id)))


def test_voucher_after_acceptance_masks_the_id_number_and_dates_the_card(ctx, admin, tmp_path):
    app_id = application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    pdf = documents.voucher(ctx, admin, app_id)
    text = flat_text(ctx, pdf)
    ready = dt.date.today() + dt.timedelta(days=30)
    assert "王䶮𠮷" in text and ready.isoformat() in text
    assert "110105********003" in text.replace("＊", "*")
    assert str(app_id) in pdf.name and pdf.is_relative_to(ctx.settings.protected_dir)
    assert audit_actions(ctx)[-1] == "voucher_printed"


def test_no_voucher_before_the_form_is_signed(ctx, admin, tmp_path):
    app_id = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)
    with pytest.raises(DocumentError):
        documents.voucher(ctx, admin, app_id)


def test_rejection_notice_lists_the_reasons_recorded(ctx, admin, tmp_path):
    app_id = application_at(ctx, admin, Status.REJECTED, tmp_path)
    text = flat_text(ctx, documents.rejection_notice(ctx, admin, app_id))
    assert "1.材料不齐全" in text and "2.缺少出生医学证明原件" in text
    assert "3.监护人居民身份证已过有效期" in text
    assert audit_actions(ctx)[-1] == "rejection_notice_printed"


def test_no_rejection_notice_for_an_accepted_application(ctx, admin, tmp_path):
    app_id = application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    with pytest.raises(DocumentError):
        documents.rejection_notice(ctx, admin, app_id)


def test_guide_lists_the_materials_of_the_business_type_from_the_rules(ctx, admin):
    text = flat_text(ctx, documents.guide(ctx, admin, BusinessType.NEWBORN))
    for material in ctx.rules.businesses[BusinessType.NEWBORN].materials:
        assert material.label in text
    assert "由监护人办理的，另需监护人居民身份证" in text
    assert "新生儿参保申领" in text


def test_batch_prints_a_cover_list_and_every_form_with_progress(ctx, admin, tmp_path):
    ids = [application_at(ctx, admin, Status.SUBMITTED, tmp_path, first17=f"1101052024031500{n}")
           for n in (3, 5, 7)]
    seen = []
    result = documents.batch(ctx, admin, ids, progress=lambda d, t: seen.append(d))
    assert result.forms == 3 and pages(ctx, result.path) == 1 + 3 and seen == [1, 2, 3]
    cover = run("pdftotext", "-layout", "-f", "1", "-l", "1", str(opened(ctx, result.path)), "-")
    assert result.batch_number in cover and cover.count("SC001-") >= 3
    assert audit_actions(ctx)[-1] == "batch_printed"


def test_batch_refuses_an_empty_list_and_a_rejected_application(ctx, admin, tmp_path):
    with pytest.raises(DocumentError):
        documents.batch(ctx, admin, [])
    rejected = application_at(ctx, admin, Status.REJECTED, tmp_path)
    with pytest.raises(DocumentError) as caught:
        documents.batch(ctx, admin, [rejected])
    assert "SC001-" in str(caught.value)


def test_the_agreement_is_printed_with_the_form_where_the_city_requires_it(
        ctx, admin, tmp_path, monkeypatch):
    app_id = application_at(ctx, admin, Status.PHOTO_OK, tmp_path)
    assert pages(ctx, printing.render_form(ctx, admin, app_id)) == 1
    config = dataclasses.replace(printing.form_config(ctx), agreement_for=frozenset({"newborn"}))
    monkeypatch.setattr(printing, "form_config", lambda _ctx: config)
    pdf = printing.render_form(ctx, admin, app_id)
    assert pages(ctx, pdf) == 2
    assert config.agreement["title"] in run("pdftotext", "-f", "2", "-l", "2", str(opened(ctx, pdf)), "-")


def accepted_batch(ctx, admin, tmp_path, count: int):
    rows, _ = applicant_rows(count)
    sheet = tmp_path / "village.csv"
    write_csv(sheet, rows)
    accepted = batches.accept_batch(ctx, admin, sheet, "幸福村村委会")
    return accepted, batch_applications(ctx, accepted.id)


def test_a_batch_still_in_draft_prints_as_its_list_for_the_bank(ctx, admin, tmp_path):
    accepted, apps = accepted_batch(ctx, admin, tmp_path, 5)
    seen = []
    result = documents.batch_of(ctx, admin, accepted.id, progress=lambda d, t: seen.append(d))
    assert (result.listed, result.forms, seen) == (5, 0, [])
    assert pages(ctx, result.path) == 1 and result.batch_number == accepted.number
    cover = flat_text(ctx, result.path)
    assert accepted.number in cover and "共5份" in cover and cover.count("待初审") == 5
    assert all(name in cover for _id, _number, name in apps)
    assert str(accepted.id) in result.path.name  # never a name or an ID number
    assert audit_actions(ctx)[-1] == "batch_printed"


def test_a_batch_prints_the_forms_past_examination_and_leaves_out_the_rejected(
        ctx, admin, tmp_path):
    accepted, apps = accepted_batch(ctx, admin, tmp_path, 4)
    for app_id, *_ in apps[:2]:
        examine(ctx, admin, app_id)
    intake.examine(ctx, admin, apps[3][0], passed=False, codes=["missing_material"])
    seen = []
    result = documents.batch_of(ctx, admin, accepted.id,
                                progress=lambda d, t: seen.append((d, t)))
    assert (result.listed, result.forms, seen) == (3, 2, [(1, 2), (2, 2)])
    assert pages(ctx, result.path) == 1 + 2
    cover = run("pdftotext", "-f", "1", "-l", "1", str(opened(ctx, result.path)), "-")
    assert cover.count("附后") == 2 and cover.count("待初审") == 1
    assert apps[3][1] not in run("pdftotext", str(opened(ctx, result.path)), "-")  # rejected: left out


def test_a_stopped_batch_print_leaves_nothing(ctx, admin, tmp_path):
    accepted, apps = accepted_batch(ctx, admin, tmp_path, 3)
    for app_id, *_ in apps:
        examine(ctx, admin, app_id)

    def stop(done, total):
        raise RuntimeError("stopped")

    with pytest.raises(RuntimeError):
        documents.batch_of(ctx, admin, accepted.id, progress=stop)
    assert not list((ctx.settings.protected_dir / "batches").glob("*.pdf"))
    assert "batch_printed" not in audit_actions(ctx)


def test_an_unknown_batch_is_refused(ctx, admin):
    with pytest.raises(DocumentError):
        documents.batch_of(ctx, admin, uuid.uuid4())
