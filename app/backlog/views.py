"""Backlog pages: the items of a service and across services, one item with its evidence
(page and CSV), and the forms owners and admins use to make, change and move an item."""

import csv
import io

from flask import (
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from app.auth.access import access
from app.backlog import bp
from app.backlog.evidence import build_evidence, item_quotes_shown
from app.backlog.forms import ItemForm, StatusForm
from app.backlog.hooks import announce_status_change
from app.dashboard.exports import safe_cell
from app.db import get_db
from app.effect import item_effect
from app.store import (
    STATUS_NAMES,
    STATUSES,
    FieldError,
    add_item,
    change_status,
    get_item,
    list_items,
    list_services,
    live_themes,
    status_changes,
    update_item,
)
from app.weeks import london_today

BASE = "/services/<slug>/backlog"


def _evidence():
    return build_evidence(
        get_db(),
        g.service.id,
        current_app.config["ANONYMITY_THRESHOLD"],
        show_all=current_user.is_admin,
    )


def _item_or_404(item_id):
    item = get_item(get_db(), g.service.id, item_id)
    if item is None:
        abort(404)
    return item


def _status_filter():
    status = request.args.get("status") or None
    return status if status in STATUSES else None


@bp.route("/backlog")
@access("signed_in")
def overview():
    """Every backlog item of the services this person can see, by service."""
    services = [s for s in list_services(get_db()) if current_user.can_see(s.id)]
    status = _status_filter()
    items = list_items(get_db(), [s.id for s in services], status=status)
    by_service = [(s, [i for i in items if i.service_id == s.id]) for s in services]
    return render_template(
        "backlog/overview.html",
        by_service=[(s, found) for s, found in by_service if found],
        status=status,
        statuses=STATUS_NAMES,
        any_items=bool(items),
    )


@bp.route(BASE)
@access("service_read")
def items(slug):
    """A service's backlog items, most harmful linked themes first; filter by status."""
    status = _status_filter()
    evidence = _evidence()
    found = sorted(list_items(get_db(), [g.service.id], status=status), key=evidence.sort_key)
    return render_template(
        "backlog/items.html",
        service=g.service,
        items=[(item, *evidence.for_item(item)) for item in found],
        status=status,
        statuses=STATUS_NAMES,
        can_manage=current_user.can_manage(g.service.id),
    )


@bp.route(f"{BASE}/<int:item_id>")
@access("service_read")
def item(slug, item_id):
    """One item with its linked themes' counts, impact with 95% interval and n, and quotes."""
    found = _item_or_404(item_id)
    if request.args.get("format") == "csv":
        return item_csv(slug=slug, item_id=item_id)
    evidence = _evidence()
    shown, hidden = evidence.for_item(found)
    return render_template(
        "backlog/item.html",
        service=g.service,
        item=found,
        rows=shown,
        hidden=hidden,
        evidence=evidence,
        quotes=item_quotes_shown(get_db(), evidence, found),
        changes=status_changes(get_db(), item_id),
        statuses=STATUS_NAMES,
        can_manage=current_user.can_manage(g.service.id),
        measured=_measured(found),
    )


def _measured(item):
    """Did it work? for a shipped item: its linked themes before and after the week it shipped."""
    if item.status != "shipped" or not item.shipped_at:
        return None
    return item_effect(get_db(), item, london_today())


CSV_COLUMNS = [
    "item_id",
    "title",
    "status",
    "shipped_at",
    "external_key",
    "external_url",
    "theme_id",
    "theme",
    "weeks",
    "responses_in_theme",
    "responses_all",
    "impact_mean_rating",
    "impact_mean_rating_low_95",
    "impact_mean_rating_high_95",
    "impact_pct_satisfied_points",
    "impact_pct_satisfied_low_95",
    "impact_pct_satisfied_high_95",
    "enough_evidence",
]


def _round(interval, part):
    return "" if interval is None else round(getattr(interval, part), 3)


@bp.route(f"{BASE}/<int:item_id>.csv")
@access("service_read")
def item_csv(slug, item_id):
    """The item and its themes' evidence as CSV, one row a theme (no comment text)."""
    found = _item_or_404(item_id)
    evidence = _evidence()
    shown, _ = evidence.for_item(found)
    window = f"{evidence.weeks[0]} to {evidence.weeks[-1]}"
    base = [
        found.id,
        found.title,
        STATUS_NAMES[found.status],
        found.shipped_at or "",
        found.external_key or "",
        found.external_url or "",
    ]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in shown or [None]:
        if row is None:
            cells = base + [""] * (len(CSV_COLUMNS) - len(base))
        else:
            impact = row["impact"]
            cells = [
                *base,
                row["id"],
                row["label"],
                window,
                impact.n_theme,
                impact.n_all,
                *(_round(impact.mean, p) for p in ("estimate", "low", "high")),
                *(_round(impact.pct, p) for p in ("estimate", "low", "high")),
                "yes" if impact.enough_evidence else "no",
            ]
        writer.writerow([safe_cell(c) for c in cells])
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{slug}-backlog-{item_id}.csv"'},
    )


def _apply_errors(form, error):
    field = getattr(form, error.field or "", None) or form.title
    field.errors = [*field.errors, str(error)]


def _theme_choices(form):
    return form.set_themes(live_themes(get_db(), g.service.id))


def _details(form):
    name = form.owner_name.data
    return {
        "title": form.title.data,
        "description": form.description.data,
        "owner_name": name,
        "owner_user_id": current_user.id if name == current_user.name else None,
        "external_url": form.external_url.data,
        "external_key": form.external_key.data,
    }


@bp.route(f"{BASE}/new", methods=["GET", "POST"])
@access("service_edit")
def new_item(slug):
    """Make a backlog item from one or more of the service's themes."""
    picked = request.args.get("theme", type=int)
    form = _theme_choices(ItemForm(data={"owner_name": current_user.name}))
    if request.method == "GET" and picked in {value for value, _ in form.themes.choices}:
        form.themes.data = [picked]
    if form.validate_on_submit():
        try:
            item_id = add_item(
                get_db(), g.service.id, current_user.id, form.themes.data or [], **_details(form)
            )
        except FieldError as error:
            _apply_errors(form, error)
        else:
            flash("Backlog item made. It is proposed until you change its status.", "success")
            return redirect(url_for("backlog.item", slug=slug, item_id=item_id))
    return render_template("backlog/new_item.html", service=g.service, form=form)


@bp.route(f"{BASE}/<int:item_id>/edit", methods=["GET", "POST"])
@access("service_edit")
def edit_item(slug, item_id):
    """Change an item's title, description, owner, link and themes."""
    found = _item_or_404(item_id)
    form = _theme_choices(
        ItemForm(
            data={
                "title": found.title,
                "description": found.description,
                "owner_name": found.owner_name,
                "external_url": found.external_url or "",
                "external_key": found.external_key or "",
                "themes": found.theme_ids,
            }
        )
    )
    if form.validate_on_submit():
        try:
            update_item(get_db(), found, form.themes.data or [], **_details(form))
        except FieldError as error:
            _apply_errors(form, error)
        else:
            flash("Backlog item saved.", "success")
            return redirect(url_for("backlog.item", slug=slug, item_id=item_id))
    return render_template("backlog/edit_item.html", service=g.service, item=found, form=form)


@bp.route(f"{BASE}/<int:item_id>/status", methods=["GET", "POST"])
@access("service_edit")
def item_status(slug, item_id):
    """Move an item to another status; won't do needs a reason, shipped takes its date."""
    found = _item_or_404(item_id)
    form = StatusForm(data={"status": found.status, "shipped_at": found.shipped_at or ""})
    if form.validate_on_submit():
        try:
            change = change_status(
                get_db(),
                found,
                form.status.data,
                current_user.id,
                reason=form.reason.data,
                shipped_at=form.shipped_at.data,
            )
        except FieldError as error:
            field = getattr(form, error.field or "", None) or form.status
            field.errors = [*field.errors, str(error)]
        else:
            announce_status_change(g.service, _item_or_404(item_id), change)
            flash(f"Status changed to {STATUS_NAMES[form.status.data].lower()}.", "success")
            return redirect(url_for("backlog.item", slug=slug, item_id=item_id))
    return render_template(
        "backlog/item_status.html", service=g.service, item=found, form=form, statuses=STATUS_NAMES
    )
