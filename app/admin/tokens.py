"""Admin pages for API tokens: list them with their last use, add one, revoke one."""

from flask import flash, redirect, render_template, url_for

from app.admin import bp
from app.admin.responses import london_time
from app.admin.token_forms import SCOPES, TokenAddForm, TokenRevokeForm
from app.auth.access import access
from app.db import get_db
from app.store import TokenError, add_token, list_services, list_tokens, revoke_token


@bp.route("/tokens")
@access("admin")
def tokens():
    """Every API token: scope, services, when made, last used and whether revoked."""
    return render_template(
        "admin/tokens.html",
        tokens=list_tokens(get_db()),
        scopes=SCOPES,
        london_time=london_time,
        revoke_form=TokenRevokeForm(),
    )


@bp.route("/tokens/add", methods=["GET", "POST"])
@access("admin")
def token_add():
    """Add a token and show it once, on this page only: it is not kept, nor put in a cookie."""
    db = get_db()
    form = TokenAddForm()
    form.set_services(list_services(db))
    if form.validate_on_submit():
        try:
            token, secret = add_token(db, form.name.data, form.services.data, form.scope.data)
        except TokenError as error:
            field = form[error.field] if error.field in form else form.name
            field.errors.append(str(error))
        else:
            return render_template("admin/token_add.html", token=token, secret=secret)
    return render_template("admin/token_add.html", form=form)


@bp.post("/tokens/<name>/revoke")
@access("admin")
def token_revoke(name):
    """Revoke a token at once: calls made with it get 401 from now on."""
    if TokenRevokeForm().validate_on_submit():
        try:
            revoke_token(get_db(), name)
        except TokenError as error:
            flash(str(error), "error")
        else:
            flash(f"Revoked the token {name}: calls made with it are now refused.", "success")
    return redirect(url_for("admin.tokens"))
