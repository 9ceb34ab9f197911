"""Sign in, sign out, and changing your own password."""

import logging
import re
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from app.auth import bp
from app.auth.access import access, start_session
from app.auth.forms import AlertSettingsForm, ChangePasswordForm, SignInForm
from app.db import get_db
from app.security import client_id
from app.store import (
    alerts_email_on,
    authenticate,
    end_sessions,
    record_hit,
    set_alerts_email,
    set_password,
)
from app.weeks import LONDON

log = logging.getLogger(__name__)
CLIENT_LIMIT = 20  # sign-in attempts per client per 15 minutes, across all accounts
CLIENT_WINDOW = 15 * 60
# A new line would break the redirect's header, and browsers read a backslash as a slash.
_NOT_IN_NEXT = re.compile(r"[\x00-\x1f\x7f\\]")


def _safe_next(target):
    """Only follow ?next= to a plain path on this site."""
    target = target or ""
    if _NOT_IN_NEXT.search(target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.route("/sign-in", methods=["GET", "POST"])
@access("public")
def sign_in():
    """Staff sign-in page."""
    if current_user.is_authenticated:
        return redirect(home_url(current_user))
    form = SignInForm()
    problem = None
    if form.validate_on_submit():
        db = get_db()
        client = "sign-in:" + client_id(current_app.config["SECRET_KEY"])
        if record_hit(db, client, CLIENT_WINDOW, "sign-in") > CLIENT_LIMIT:
            return render_template("errors/429.html"), 429
        outcome, detail = authenticate(db, form.email.data, form.password.data)
        if outcome == "ok":
            login_user(detail)
            start_session()
            log.info("user %s signed in", detail.id)
            return redirect(_safe_next(request.args.get("next")) or home_url(detail))
        if outcome == "locked":
            problem = _locked_message(detail)
        elif outcome == "disabled":
            problem = "This account has been disabled. Ask an administrator if you need access."
        else:
            problem = "Enter a correct email address and password"
    return render_template("auth/sign_in.html", form=form, problem=problem)


def home_url(user):
    """Where a member of staff starts: recorders at the services they record for."""
    return url_for("recording.record" if user.is_recorder else "dashboard.overview")


def _locked_message(seconds):
    until = (datetime.now(LONDON) + timedelta(seconds=seconds)).strftime("%H:%M")
    return (
        "This account is locked for 15 minutes after 5 failed sign-ins. "
        f"Try again after {until}, or ask an administrator to unlock it."
    )


@bp.route("/account/password", methods=["GET", "POST"])
@access("any_staff")
def change_password():
    """A member of staff changes their own password; their other sessions end."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        db = get_db()
        # Checked like a sign-in, so guesses here count towards the lock-out too.
        outcome, detail = authenticate(db, current_user.email, form.current_password.data)
        if outcome == "ok":
            # The form's rules are the store's, so set_password has nothing left to refuse.
            login_user(set_password(db, current_user.id, form.new_password.data))
            log.info("user %s changed their password", current_user.id)
            flash(
                "Your password has been changed. You have been signed out on any other devices.",
                "success",
            )
            return redirect(url_for("auth.change_password"))
        if outcome == "locked":
            form.current_password.errors.append(_locked_message(detail))
        else:
            form.current_password.errors.append("Your current password is not right")
    return render_template("auth/change_password.html", form=form)


@bp.route("/account/alerts", methods=["GET", "POST"])
@access("signed_in")
def alert_settings():
    """A member of staff turns their alert emails on or off (owners are emailed alerts)."""
    db = get_db()
    form = AlertSettingsForm()
    if form.validate_on_submit():
        on = form.alerts_email.data == "on"
        set_alerts_email(db, current_user.id, on)
        flash("You will get alert emails." if on else "You will not get alert emails.", "success")
        return redirect(url_for("auth.alert_settings"))
    if not form.is_submitted():
        form.alerts_email.data = "on" if alerts_email_on(db, current_user.id) else "off"
    return render_template("auth/alert_settings.html", form=form)


@bp.route("/sign-out", methods=["POST"])
@access("public")
def sign_out():
    """End the staff session, and every copy of its cookie, on the server too."""
    if current_user.is_authenticated:
        end_sessions(get_db(), current_user.id)
        log.info("user %s signed out", current_user.id)
    logout_user()
    flash("You have signed out.", "info")
    return redirect(url_for("auth.sign_in"))
