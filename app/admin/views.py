"""Admin pages: staff accounts, services, and each service's survey link and QR code."""

from datetime import datetime
from io import BytesIO

import segno
from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_user
from markupsafe import Markup

from app.admin import bp
from app.admin.forms import (
    LinkForm,
    ServiceAddForm,
    ServiceEditForm,
    UserAddForm,
    UserEditForm,
    UserPasswordForm,
)
from app.auth.access import access
from app.db import get_db
from app.store import (
    ServiceError,
    UserError,
    add_service,
    add_user,
    edit_user,
    get_service,
    get_user,
    list_services,
    list_users,
    locked_users,
    set_password,
    update_service,
)
from app.survey.links import qr_file_stem, save_qr, survey_url
from app.weeks import LONDON

QR_KINDS = {"png": "image/png", "svg": "image/svg+xml"}


def _user_or_404(user_id):
    user = get_user(get_db(), user_id)
    if user is None:
        abort(404)
    return user


def _service_or_404(slug):
    service = get_service(get_db(), slug)
    if service is None:
        abort(404)
    return service


def _lock_times(db):
    """{user id: 'HH:MM'} for accounts locked after failed sign-ins, in London time."""
    return {
        user_id: datetime.fromtimestamp(until, LONDON).strftime("%H:%M")
        for user_id, until in locked_users(db).items()
    }


def _error_to_field(form, error, fallback):
    """Show a store error against the field it names, or against fallback."""
    field = form[error.field] if error.field in form else fallback
    field.errors.append(str(error))


@bp.route("/users")
@access("admin")
def users():
    """Every member of staff, with their role, services and status."""
    db = get_db()
    names = {service.id: service.name_en for service in list_services(db)}
    rows = [(user, sorted(names[i] for i in user.service_ids)) for user in list_users(db)]
    return render_template("admin/users.html", rows=rows, locked=_lock_times(db))


@bp.route("/users/add", methods=["GET", "POST"])
@access("admin")
def user_add():
    """Add a member of staff with a role, services and a first password."""
    db = get_db()
    form = UserAddForm()
    form.set_services(list_services(db))
    if form.validate_on_submit():
        try:
            user = add_user(
                db,
                form.email.data,
                form.name.data,
                form.password.data,
                form.role.data,
                form.services.data,
            )
        except UserError as error:
            _error_to_field(form, error, form.email)
        else:
            message = f"Added {user.name} ({user.email}) as {user.role_name.lower()}."
            if not user.is_admin and not user.service_ids:
                message += " They will see nothing until you give them a service."
            flash(message, "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_add.html", form=form)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@access("admin")
def user_edit(user_id):
    """Change a member of staff's name, role, services, or disable them."""
    db = get_db()
    user = _user_or_404(user_id)
    form = UserEditForm(
        data={
            "name": user.name,
            "role": user.role,
            "services": sorted(user.service_ids),
            "status": "active" if user.active else "disabled",
        },
        editing_self=user.id == current_user.id,
    )
    form.set_services(list_services(db))
    if form.validate_on_submit():
        try:
            edit_user(
                db,
                user.id,
                form.name.data,
                form.role.data,
                form.status.data == "active",
                form.services.data,
            )
        except UserError as error:
            _error_to_field(form, error, form.name)
        else:
            flash(f"Saved changes to {form.name.data}.", "success")
            return redirect(url_for("admin.users"))
    return render_template(
        "admin/user_edit.html", form=form, user=user, locked=_lock_times(db).get(user.id)
    )


@bp.route("/users/<int:user_id>/password", methods=["GET", "POST"])
@access("admin")
def user_password(user_id):
    """Give a member of staff a new password; it signs them out everywhere."""
    user = _user_or_404(user_id)
    form = UserPasswordForm()
    # The form's rules are the store's, so set_password has nothing left to refuse.
    if form.validate_on_submit():
        changed = set_password(get_db(), user.id, form.password.data)
        if user.id == current_user.id:
            login_user(changed)  # stay signed in here, with the new password
            message = "Your password has been changed. Sign in with it from now on."
        else:
            message = (
                f"Set a new password for {user.name}. Give it to them in a safe way. "
                "They have been signed out everywhere and must sign in with it."
            )
        flash(message, "success")
        return redirect(url_for("admin.users"))
    return render_template("admin/user_password.html", form=form, user=user)


@bp.route("/services")
@access("admin")
def services():
    """Every service, open or closed, with links to change it and to its survey link."""
    rows = sorted(list_services(get_db()), key=lambda service: service.name_en.lower())
    return render_template("admin/services.html", services=rows)


@bp.route("/services/add", methods=["GET", "POST"])
@access("admin")
def service_add():
    """Add a service citizens can rate."""
    form = ServiceAddForm()
    if form.validate_on_submit():
        try:
            service = add_service(
                get_db(),
                form.slug.data,
                form.name_en.data,
                form.name_cy.data,
                active=form.status.data == "open",
            )
        except ServiceError as error:
            _error_to_field(form, error, form.slug)
        else:
            flash(
                f"Added {service.name_en}. Its survey link is {survey_url(service.slug)}", "success"
            )
            return redirect(url_for("admin.services"))
    return render_template("admin/service_add.html", form=form)


@bp.route("/services/<slug>", methods=["GET", "POST"])
@access("admin")
def service_edit(slug):
    """Change a service's names, or open or close its survey."""
    service = _service_or_404(slug)
    form = ServiceEditForm(
        data={
            "name_en": service.name_en,
            "name_cy": service.name_cy,
            "status": "open" if service.active else "closed",
        }
    )
    if form.validate_on_submit():
        try:
            changed = update_service(
                get_db(), slug, form.name_en.data, form.name_cy.data, form.status.data == "open"
            )
        except ServiceError as error:
            _error_to_field(form, error, form.name_en)
        else:
            flash(f"Saved changes to {changed.name_en}.", "success")
            return redirect(url_for("admin.services"))
    return render_template("admin/service_edit.html", form=form, service=service)


def _link_form():
    """The link builder read from the query string; None if what it asks for is not valid."""
    form = LinkForm(formdata=request.args if request.args else None)
    if request.args and not form.validate():
        return form, None
    return form, form.link_params()


def _inline_qr(url, label):
    """The QR code as inline SVG that a screen reader announces as one image with a name.

    Colours are presentation attributes (segno writes no style=), which the CSP allows.
    """
    svg = segno.make(url, error="m").svg_inline(scale=5, border=4, light="white")
    opening = Markup('<svg role="img" aria-label="{}" ').format(label)
    # Safe: with no title given, segno writes fixed markup and path coordinates only.
    return opening + Markup(svg.removeprefix("<svg "))  # noqa: S704


@bp.route("/services/<slug>/link")
@access("admin")
def service_link(slug):
    """A service's survey link, with a builder for its parameters and its QR code."""
    service = _service_or_404(slug)
    form, params = _link_form()
    url = survey_url(slug, **(params or {}))
    return render_template(
        "admin/service_link.html",
        form=form,
        service=service,
        url=url,
        form_args=form.builder_args() if params else {},
        qr=_inline_qr(url, f"QR code for the survey link above ({service.name_en})"),
    )


@bp.route("/services/<slug>/qr.<any(png, svg):kind>")
@access("admin")
def service_qr(slug, kind):
    """Download a service's survey-link QR code as a PNG or SVG file."""
    service = _service_or_404(slug)
    _form, params = _link_form()
    if params is None:
        abort(400)
    url = survey_url(slug, **params)
    out = BytesIO()
    save_qr(url, out, kind, title=f"Feedback: {service.name_en}")
    out.seek(0)
    stem = qr_file_stem(slug, *params.values())
    return send_file(
        out, mimetype=QR_KINDS[kind], as_attachment=True, download_name=f"{stem}.{kind}"
    )
