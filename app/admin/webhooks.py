"""Admin pages for webhooks: list them with their last delivery, add one (its secret shown
once), revoke one, and each one's log of delivery attempts."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from app.admin import bp
from app.admin.responses import london_time
from app.admin.webhook_forms import WebhookAddForm, WebhookRevokeForm
from app.auth.access import access
from app.db import get_db
from app.store import (
    WebhookError,
    add_webhook,
    get_webhook,
    list_services,
    list_webhooks,
    revoke_webhook,
)
from app.store import webhook_deliveries as deliveries_of


@bp.route("/webhooks")
@access("admin")
def webhooks():
    """Every webhook: its address, service, who added it, its last delivery and status."""
    return render_template(
        "admin/webhooks.html",
        webhooks=list_webhooks(get_db()),
        london_time=london_time,
        revoke_form=WebhookRevokeForm(),
    )


@bp.route("/webhooks/add", methods=["GET", "POST"])
@access("admin")
def webhook_add():
    """Add a webhook and show its signing secret once, on this page only."""
    db = get_db()
    form = WebhookAddForm()
    form.set_services(list_services(db))
    if form.validate_on_submit():
        try:
            webhook = add_webhook(db, form.address.data, form.service_id, current_user.id)
        except WebhookError as error:
            field = form[error.field] if error.field in form else form.address
            field.errors.append(str(error))
        else:
            return render_template("admin/webhook_add.html", webhook=webhook)
    return render_template("admin/webhook_add.html", form=form)


@bp.post("/webhooks/<int:webhook_id>/revoke")
@access("admin")
def webhook_revoke(webhook_id):
    """Stop posting to a webhook at once; its delivery log is kept."""
    if WebhookRevokeForm().validate_on_submit():
        try:
            revoke_webhook(get_db(), webhook_id)
        except WebhookError as error:
            flash(str(error), "error")
        else:
            flash(f"Revoked webhook {webhook_id}: no more events will be posted to it.", "success")
    return redirect(url_for("admin.webhooks"))


@bp.route("/webhooks/<int:webhook_id>/log")
@access("admin")
def webhook_log(webhook_id):
    """A webhook's latest delivery attempts: event, attempt, answer and how long it took."""
    db = get_db()
    webhook = get_webhook(db, webhook_id)
    if webhook is None:
        abort(404)
    return render_template(
        "admin/webhook_log.html",
        webhook=webhook,
        deliveries=deliveries_of(db, webhook_id),
        london_time=london_time,
    )
