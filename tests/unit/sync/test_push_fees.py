"""The fee travels with the application (issue 16): the central side, which does not use
it yet, takes the application with the new field as it took it before."""

from counter_app.domain.lifecycle import Status
from counter_app.services import fees, intake, syncing
from tests.fee_helpers import replacement_at
from tests.sync_helpers import central_rows, submit_child


def test_an_application_with_its_fee_is_applied_centrally(ctx, admin, tmp_path, central):
    paid = replacement_at(ctx, admin, Status.SIGNED, tmp_path)
    fees.record_payment(ctx, admin, paid, "cash")
    intake.submit(ctx, admin, paid)
    free = submit_child(ctx, admin, tmp_path, sequence=5)
    result = syncing.sync_now(ctx)
    assert (result.sent, result.rejected, result.pending) == (2, 0, 0)
    rows = central_rows(central)
    assert rows[str(paid)]["status"] == "submitted"
    assert rows[str(paid)]["business_type"] == "replacement"
    fee = rows[str(paid)]["payload"]["fee"]  # kept as sent, for a later use
    assert (fee["amount_fen"], fee["paid"], fee["method"]) == (2000, True, "cash")
    assert rows[free]["payload"]["fee"]["amount_fen"] == 0
