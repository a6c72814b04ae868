"""Cards sent to their handling points, the applicants' notices: made from the template,
sent by the file, HTTP and letter senders, every attempt recorded, failures retried later
(clock passed in, nothing slept), the application notified by the first that goes out."""

import datetime as dt
import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

from counter_app.cardcentre import notices as N
from counter_app.cardcentre import sending
from counter_app.central.schema import notice_attempts, notices
from counter_app.central.transitions import history
from tests.cardcentre_helpers import NOW, TODAY, city_at

GUARDIAN = {"name": "王建国", "relation": "父亲", "phone": "13900139000"}
NO_LETTERS = {}  # only the SMS sender: letters stay queued


@pytest.fixture
def city(tmp_path, fresh_central):
    city = city_at(fresh_central)
    yield city
    city.engine.dispose()


def queued(city):
    with city.engine.connect() as connection:
        rows = connection.execute(select(notices).order_by(notices.c.channel)).all()
    return [dict(row._mapping) for row in rows]


def sms_of(centre, status):
    return [n for n in centre.notices((status,)) if n.channel == "sms"]


def attempts(city):
    with city.engine.connect() as connection:
        rows = connection.execute(select(notice_attempts).order_by(notice_attempts.c.at,
                                                                   notice_attempts.c.attempt))
        return [(r.attempt, r.sender, r.ok, r.error) for r in rows]


def test_sending_a_card_queues_its_sms_and_letter_in_the_same_transaction(city):
    adult = city.add("SC001", "SC001-1", status="produced", name="张𠮷", phone="13800138000")
    child = city.add("SP002", "SP002-1", status="produced", name="王䶮", guardian=GUARDIAN)
    result = city.centre().dispatch([adult, child], NOW, TODAY)
    assert (result.sent, result.notices, result.left_out) == (2, 4, ())
    assert city.status(adult) == city.status(child) == "at_site"
    rows = {(r["application_id"], r["channel"]): r for r in queued(city)}
    sms = rows[(adult[1], "sms")]
    assert (sms["recipient"], sms["status"], sms["attempts"]) == ("13800138000", "pending", 0)
    assert sms["body"].startswith("【社保卡】张𠮷您好") and "SC001-1" in sms["body"]
    assert "朝阳区社会保障服务中心" in sms["body"] and "本人有效身份证件" in sms["body"]
    child_sms = rows[(child[1], "sms")]  # a child's notice goes to the guardian on record
    assert child_sms["recipient"] == "13900139000"
    assert child_sms["body"].startswith("【社保卡】王建国您好，王䶮的社会保障卡")
    letter = N.Letter.from_text(rows[(child[1], "letter")]["body"])
    assert letter.title == "社会保障卡领卡通知书"
    assert letter.salutation == "王建国（王䶮的监护人）："
    assert any("三里屯街道社区服务站" in p for p in letter.paragraphs)
    assert letter.date == "2026-11-22"


def test_a_card_not_yet_made_is_not_sent_and_gets_no_notice(city):
    waiting = city.add("SC001", "SC001-1", status="in_production")
    result = city.centre().dispatch([waiting], NOW, TODAY)
    assert (result.sent, result.notices) == (0, 0)
    assert result.left_out[0].from_status == "in_production"
    assert queued(city) == [] and city.status(waiting) == "in_production"


def test_the_handling_points_own_opening_hours_come_from_the_template(city, tmp_path):
    text = N.NOTICES_DIR.joinpath("default.toml").read_text(encoding="utf-8")
    custom = tmp_path / "city.toml"
    custom.write_text(text + '\n[sites.SC001]\nopening_hours = "周六 9:00—12:00"\n',
                      encoding="utf-8")
    key = city.add("SC001", "SC001-1", status="produced")
    city.centre(templates_path=custom).dispatch([key], NOW, TODAY)
    assert "周六 9:00—12:00" in queued(city)[1]["body"]


def test_a_template_with_an_unknown_placeholder_is_refused(tmp_path):
    text = N.NOTICES_DIR.joinpath("default.toml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace("{site_phone}。\"", "{hotline}。\"", 1), encoding="utf-8")
    with pytest.raises(N.TemplateError, match=r"unknown placeholder \{hotline\}"):
        N.load_templates(bad)


def test_the_file_sender_writes_the_sms_and_the_applicant_is_notified(city, tmp_path,
                                                                      caplog):
    key = city.add("SC001", "SC001-1", status="produced", name="张𠮷", phone="13800138000")
    centre = city.centre()
    centre.dispatch([key], NOW, TODAY)
    sender = sending.FileSender(tmp_path / "out", clock=lambda: NOW)
    with caplog.at_level(logging.INFO):
        report = centre.send_notices({"sms": sender}, NOW)
    assert (report.sent, report.failed, report.notified) == (1, 0, 1)
    [line] = (tmp_path / "out" / "sms-20261122.jsonl").read_text(encoding="utf-8").splitlines()
    written = json.loads(line)
    assert (written["to"], written["number"]) == ("13800138000", "SC001-1")
    assert written["text"].startswith("【社保卡】张𠮷您好")
    assert city.status(key) == "notified"
    with city.engine.connect() as connection:
        last = history(connection, *key)[-1]
    assert (last["from_status"], last["to_status"], last["actor"], last["actor_name"]) == (
        "at_site", "notified", "notifier", "file")
    assert attempts(city) == [(1, "file", True, "")]
    assert "张" not in caplog.text and "13800138000" not in caplog.text  # no personal data
    assert centre.send_notices({"sms": sender}, NOW).sent == 0  # nothing sent twice
    assert [n.channel for n in centre.notices()] == ["letter"]  # still waits for its sender


def test_a_letter_counts_only_for_an_applicant_without_a_phone(city, tmp_path):
    with_phone = city.add("SC001", "SC001-1", status="produced")
    without = city.add("SC001", "SC001-2", status="produced", phone="")
    centre = city.centre()
    centre.dispatch([with_phone, without], NOW, TODAY)
    letters = RecordingSender("letter")
    report = centre.send_notices({"letter": letters}, NOW)
    assert (report.sent, report.notified) == (2, 1)
    assert (city.status(with_phone), city.status(without)) == ("at_site", "notified")


def test_the_letter_sender_renders_a_printable_pdf(city, tmp_path):
    from tests.unit.documents.support import POPPLER, run

    key = city.add("SC001", "SC001-1", status="produced", name="王䶮", guardian=GUARDIAN)
    centre = city.centre()
    centre.dispatch([key], NOW, TODAY)
    report = centre.send_notices({"letter": sending.LetterSender(tmp_path / "letters")}, NOW)
    assert report.sent == 1
    [pdf] = (tmp_path / "letters").glob("SC001-1-*.pdf")
    if POPPLER:
        flat = run("pdftotext", str(pdf), "-").replace("\n", "").replace(" ", "")
        assert "社会保障卡领卡通知书" in flat and "王建国（王䶮的监护人）" in flat
        assert "SC001-1" in flat and "朝阳区社会保障服务中心" in flat
        assert "王" not in run("pdfinfo", str(pdf))  # no personal data in the metadata


class RecordingSender:
    def __init__(self, name="test"):
        self.name, self.sent = name, []

    def send(self, notice):
        self.sent.append(notice)


# --- the HTTP gateway -------------------------------------------------------------------

class Gateway:
    """A real HTTP server in a thread that answers 200, or what it is told to."""

    def __init__(self):
        self.status = 200
        self.received: list[dict] = []
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                gateway.received.append({"body": json.loads(body), "headers": dict(self.headers)})
                self.send_response(gateway.status)
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *_args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/sms"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gateway():
    gateway = Gateway()
    yield gateway
    gateway.close()


def test_the_http_sender_posts_json_to_the_gateway(city, gateway):
    key = city.add("SC001", "SC001-1", status="produced", name="张𠮷", phone="13800138000")
    centre = city.centre()
    centre.dispatch([key], NOW, TODAY)
    sender = sending.HttpSender(gateway.url, token="secret")
    assert centre.send_notices({"sms": sender}, NOW).sent == 1
    [request] = gateway.received
    assert request["body"]["to"] == "13800138000" and request["body"]["number"] == "SC001-1"
    assert request["body"]["text"].startswith("【社保卡】张𠮷您好")
    assert request["headers"]["Authorization"] == "Bearer secret"
    assert request["headers"]["Idempotency-Key"] == request["body"]["id"]
    assert city.status(key) == "notified"
    assert attempts(city) == [(1, "http", True, "")]


def test_a_failing_gateway_is_retried_with_growing_waits_until_it_works(city, gateway):
    key = city.add("SC001", "SC001-1", status="produced")
    centre = city.centre()
    centre.dispatch([key], NOW, TODAY)
    sender = {"sms": sending.HttpSender(gateway.url)}
    policy = sending.RetryPolicy(first_wait=dt.timedelta(minutes=1), max_attempts=5)
    gateway.status = 503
    report = centre.send_notices(sender, NOW, policy)
    assert (report.sent, report.failed, report.notified) == (0, 1, 0)
    [sms] = sms_of(centre, "pending")
    assert (sms.attempts, sms.last_error) == (1, "gateway answered HTTP 503")
    assert sms.next_attempt_at == NOW + dt.timedelta(minutes=1)
    # not due yet: nothing is sent before its time
    assert centre.send_notices(sender, NOW + dt.timedelta(seconds=59), policy).failed == 0
    later = NOW + dt.timedelta(minutes=1)
    assert centre.send_notices(sender, later, policy).failed == 1
    [sms] = sms_of(centre, "pending")
    assert sms.next_attempt_at == later + dt.timedelta(minutes=2)  # twice the wait before
    gateway.status = 200
    report = centre.send_notices(sender, later + dt.timedelta(minutes=2), policy)
    assert (report.sent, report.notified) == (1, 1)
    assert city.status(key) == "notified"
    assert attempts(city) == [(1, "http", False, "gateway answered HTTP 503"),
                              (2, "http", False, "gateway answered HTTP 503"),
                              (3, "http", True, "")]
    assert len(gateway.received) == 3


def test_after_the_last_attempt_a_notice_is_failed_until_staff_retry_it(city, gateway):
    key = city.add("SC001", "SC001-1", status="produced")
    centre = city.centre()
    centre.dispatch([key], NOW, TODAY)
    sender = {"sms": sending.HttpSender(gateway.url)}
    policy = sending.RetryPolicy(max_attempts=2)
    gateway.status = 500
    moment = NOW
    for _ in range(2):
        centre.send_notices(sender, moment, policy)
        moment += dt.timedelta(hours=1)
    [sms] = sms_of(centre, "failed")
    assert (sms.status, sms.attempts) == ("failed", 2)
    assert centre.send_notices(sender, moment + dt.timedelta(days=1), policy).sent == 0
    gateway.status = 200
    assert centre.retry_notices([sms.key], moment) == 1
    assert centre.send_notices(sender, moment, policy).notified == 1
    assert city.status(key) == "notified" and len(attempts(city)) == 3


def test_an_unreachable_gateway_is_an_attempt_that_failed(city):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    key = city.add("SC001", "SC001-1", status="produced")
    centre = city.centre()
    centre.dispatch([key], NOW, TODAY)
    report = centre.send_notices({"sms": sending.HttpSender(f"http://127.0.0.1:{port}/",
                                                            timeout=2)}, NOW)
    assert report.failed == 1
    [(attempt, sender, ok, error)] = attempts(city)
    assert (attempt, sender, ok) == (1, "http", False)
    assert error.startswith("gateway not reachable")
    assert city.status(key) == "at_site"


def test_a_sender_that_crashes_does_not_stop_the_others(city):
    class Broken:
        name = "broken"

        def send(self, notice):
            raise RuntimeError("bug")

    first = city.add("SC001", "SC001-1", status="produced")
    centre = city.centre()
    centre.dispatch([first], NOW, TODAY)
    letters = RecordingSender("letter")
    report = centre.send_notices({"sms": Broken(), "letter": letters}, NOW)
    assert (report.sent, report.failed) == (1, 1) and len(letters.sent) == 1
    assert ("broken" , False, "sender error: RuntimeError") in [a[1:] for a in attempts(city)]
