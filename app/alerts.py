"""After the weekly run writes a service's week: find its alerts (analysis/alerts.py), keep
them, email the service's owners who want alert emails, and post the alerts and digest.ready
to webhooks. Nothing here makes the weekly run fail: a failure is logged and the run goes on.

Alerts are found and kept for every week analysed, but sent (email and webhooks) only for the
last ALERTS_SEND_WEEKS complete weeks, so analysing old weeks again does not alert anyone.
"""

import logging
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

from flask import current_app

from analysis.alerts import Counts, ThemeCounts, find_alerts
from app.digest import digest_link
from app.mail import Mailer, describe_error
from app.store import (
    add_alerts,
    alert_inputs,
    alert_recipients,
    alerts_not_emailed,
    clean_name,
    record_alert_email,
    week_alerts,
)
from app.urls import public_url
from app.webhooks import emit_event
from app.weeks import last_complete_week

log = logging.getLogger(__name__)
TESTS = {"fisher": "one-sided Fisher's exact test", "z": "one-sided two-proportion z test"}


def after_service_week(db, service, week):
    """The weekly run's last step for one service's week; never raises."""
    try:
        _after_service_week(db, service, week, current_app.config)
    except Exception as error:  # the run's results are written; an alert must not undo them
        log.error("alerts for %s %s failed: %s", service.slug, week, type(error).__name__)


def _after_service_week(db, service, week, config):
    inputs = alert_inputs(db, service.id, week)
    if inputs is None:
        return
    themes = [
        ThemeCounts(t["theme_id"], t["label"], t["status"], t["size"], t["previous_size"])
        for t in inputs["themes"]
    ]
    found = find_alerts(
        Counts(**inputs["week"]),
        Counts(**inputs["previous"]),
        themes,
        threshold=config["ANONYMITY_THRESHOLD"],
    )
    added = add_alerts(db, service.id, week, found)
    if not sendable(week, config):
        return
    for alert in added:
        emit_event(
            db,
            config,
            "alert",
            service,
            alert_data(service, alert),
            f"Pulse alert for {service.name_en}, week {week}: {alert_sentence(alert)} "
            f"{digest_link(service.slug, week)}",
            event_id=f"alert-{alert.id}",
        )
    email_owners(db, service, week, config)
    if inputs["week"]["ratings"]:
        emit_digest_ready(db, service, week, inputs["week"], config)


def sendable(week, config):
    """Whether alerts for this week are sent: it is one of the latest complete weeks."""
    oldest = last_complete_week().shift(1 - int(config.get("ALERTS_SEND_WEEKS", 1)))
    return week >= oldest


def alert_data(service, alert):
    """An alert event's data: its kind, week, counts, the theme's label, and links."""
    links = {"digest": digest_link(service.slug, alert.week)}
    if alert.theme_id is not None:
        links["theme"] = public_url("themes.history", slug=service.slug, theme_id=alert.theme_id)
    detail = dict(alert.detail)
    return {
        "kind": alert.kind,
        "week": alert.week,
        "theme_id": alert.theme_id,
        "label": detail.pop("label", None),
        "counts": detail,
        "summary": alert_sentence(alert),
        "links": links,
    }


def _pct(part, whole):
    return f"{100 * part / whole:.0f}%" if whole else "no figure"


def alert_sentence(alert):
    """One alert in words, with its counts and the test behind it."""
    d = alert.detail
    label = d.get("label")
    if alert.kind == "satisfaction_drop":
        return (
            f"% satisfied fell to {d['pct_satisfied']:.1f}% ({d['satisfied']} of {d['ratings']} "
            f"ratings) from {d['previous_pct_satisfied']:.1f}% ({d['previous_satisfied']} of "
            f"{d['previous_ratings']}) over the previous weeks ({TESTS[d['test']]}, "
            f"p = {d['p_value']:.4f})."
        )
    if alert.kind == "new_theme":
        return f'New theme "{label}": {d["size"]} of {d["comments"]} comments this week.'
    return (
        f'The theme "{label}" grew to {_pct(d["size"], d["comments"])} of comments '
        f"({d['size']} of {d['comments']}) from {_pct(d['previous_size'], d['previous_comments'])}"
        f" ({d['previous_size']} of {d['previous_comments']}) over the previous weeks "
        f"({TESTS[d['test']]}, p = {d['p_value']:.4f})."
    )


def email_owners(db, service, week, config):
    """Email each owner who wants alerts the week's alerts they have not had; returns how many
    emails were sent. A failed send is recorded and tried again when the week is next run."""
    alerts = {a.id: a for a in week_alerts(db, service.id, week)}
    if not alerts:
        return 0
    sent = 0
    with Mailer(config) as mailer:
        for person in alert_recipients(db, service.id):
            if not person.alerts_email:
                continue
            pending = alerts_not_emailed(db, list(alerts), person.user_id)
            if not pending:
                continue
            try:
                mailer.send(
                    alert_message(person, service, week, [alerts[i] for i in pending], config)
                )
            except Exception as error:  # recorded, tried again on the next run of the week
                reason = describe_error(error)
                record_alert_email(db, pending, person.user_id, reason)
                log.warning("alert email to user %s failed: %s", person.user_id, reason)
            else:
                record_alert_email(db, pending, person.user_id)
                sent += 1
    return sent


def alert_message(person, service, week, alerts, config):
    """One owner's alert email, in plain text: what changed, with counts and links."""
    sender = config["MAIL_SENDER"]
    noun = "alert" if len(alerts) == 1 else "alerts"
    message = EmailMessage()
    message["Subject"] = f"Pulse alert: {service.name_en}, week {week} ({len(alerts)} {noun})"
    message["From"] = sender
    message["To"] = Address(display_name=clean_name(person.name), addr_spec=person.email)
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain=parseaddr(sender)[1].partition("@")[2] or None)
    message["Auto-Submitted"] = "auto-generated"
    lines = [
        f"Hello {clean_name(person.name)},",
        "",
        f"The weekly run found something to look at in {service.name_en}, week {week}:",
        "",
    ]
    for alert in alerts:
        lines.append(f"- {alert_sentence(alert)}")
        if alert.theme_id is not None:
            lines.append(
                "  " + public_url("themes.history", slug=service.slug, theme_id=alert.theme_id)
            )
    lines += [
        "",
        f"The week's digest: {digest_link(service.slug, week)}",
        "",
        "Each alert compares this week with the previous 4 analysed weeks and is sent only when "
        "the difference is unlikely to be chance (p < 0.01).",
        f"To stop alert emails: {public_url('auth.alert_settings')}",
    ]
    message.set_content("\n".join(lines) + "\n", cte="quoted-printable")
    return message


def emit_digest_ready(db, service, week, counts, config):
    """Tell webhooks the week's digest is ready: once per service and week per webhook."""
    pct = _pct(counts["satisfied"], counts["ratings"])
    link = digest_link(service.slug, week)
    emit_event(
        db,
        config,
        "digest.ready",
        service,
        {
            "week": str(week),
            "responses": counts["ratings"],
            "satisfied": counts["satisfied"],
            "pct_satisfied": round(100 * counts["satisfied"] / counts["ratings"], 1),
            "comments": counts["comments"],
            "links": {"digest": link},
        },
        f"Pulse digest ready for {service.name_en}, week {week}: {pct} satisfied "
        f"({counts['satisfied']} of {counts['ratings']} ratings). {link}",
        event_id=f"digest.ready-{service.slug}-{week}",
    )
