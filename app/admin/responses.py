"""Admin pages for deleting one response, with its analysis, at a citizen's request."""

from datetime import datetime

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.admin import bp
from app.admin.response_forms import ResponseDeleteForm, ResponseFindForm
from app.auth.access import access
from app.db import get_db
from app.store import (
    delete_response,
    find_responses,
    get_response,
    get_service,
    list_services,
    response_deletions,
)
from app.weeks import LONDON, parse_week


def london_time(stored):
    """A stored UTC time as people in the UK read it, e.g. 'Tue 3 Mar 2026, 14:05'."""
    moment = datetime.fromisoformat(stored).astimezone(LONDON)
    return f"{moment:%a} {moment.day} {moment:%b %Y, %H:%M}"


def _found(db, form):
    """(responses, more) for a valid search, or None while it is empty or has errors."""
    if not request.args or not form.validate():
        return None
    if form.number.data:
        found = get_response(db, int(form.number.data))
        if found is None:
            form.number.errors.append(
                f"There is no response number {form.number.data}. Check the number, or it "
                "may have been deleted already."
            )
            return None
        return [found], False
    service = get_service(db, form.service.data)
    return find_responses(db, service.id, parse_week(form.week.data), form.text.data or "")


@bp.route("/responses")
@access("admin")
def responses():
    """Find a response to delete, and see the latest deletions."""
    db = get_db()
    form = ResponseFindForm(formdata=request.args if request.args else None)
    form.set_services(list_services(db))
    results = _found(db, form)
    return render_template(
        "admin/responses.html",
        form=form,
        results=results,
        deletions=response_deletions(db),
        london_time=london_time,
    )


@bp.route("/responses/<int:response_id>/delete", methods=["GET", "POST"])
@access("admin")
def response_delete(response_id):
    """Confirm which response to delete and why, then delete it and its analysis."""
    db = get_db()
    shown = get_response(db, response_id)
    if shown is None:
        if request.method == "POST":
            flash(f"Response {response_id} had already been deleted. Nothing was changed.")
            return redirect(url_for("admin.responses"))
        abort(404)
    form = ResponseDeleteForm()
    if form.validate_on_submit():
        deleted = delete_response(db, response_id, current_user.id, form.reason.data)
        if deleted is None:  # another admin got there first
            flash(f"Response {response_id} had already been deleted. Nothing was changed.")
        else:
            flash(_deleted_message(shown, deleted), "success")
        return redirect(url_for("admin.responses"))
    return render_template(
        "admin/response_delete.html", form=form, response=shown, london_time=london_time
    )


def _deleted_message(shown, deleted):
    week = f"{shown['service_name']}, week {deleted.week}"
    if deleted.recounted:
        return (
            f"Deleted response {deleted.response_id} ({week}) and its analysis. That week's "
            "figures and themes have been recounted without it."
        )
    return (
        f"Deleted response {deleted.response_id} ({week}). That week has not been analysed "
        "yet, so the weekly run will count it without this response."
    )
