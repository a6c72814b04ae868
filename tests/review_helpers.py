"""Four eyes in tests (issue 17): the rules wanting a review, and the steps after an
approved examination."""

from __future__ import annotations

import dataclasses

from counter_app.services import intake, photo_station, printing
from tests.helpers import write_photo


def require_review(ctx, sites=None) -> None:
    """The counter's rules from now on want a review (at every site, or at *sites*)."""
    rules = ctx.rules.review
    changed = (dataclasses.replace(rules, required=True) if sites is None
               else dataclasses.replace(rules, sites=frozenset(sites)))
    ctx.__dict__["rules"] = dataclasses.replace(ctx.rules, review=changed)


def go_on_to_submission(ctx, operator, application_id, tmp_path) -> None:
    """The steps after an approved examination: photo, form, signature, submission."""
    photo_station.import_photo_file(ctx, operator, application_id,
                                    write_photo(tmp_path / f"{application_id}.jpg"))
    intake.record_form_printed(ctx, operator, application_id,
                               printing.render_form(ctx, operator, application_id))
    intake.mark_signed(ctx, operator, application_id)
    intake.submit(ctx, operator, application_id)
