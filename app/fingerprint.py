"""Static files named after their content, cached by browsers for a year.

``make assets`` compiles the stylesheets and scripts into app/static/govuk/, then runs
``python -m app.fingerprint app/static/govuk FILE...``: each file is copied to
``name.<hash>.ext`` beside a Brotli and a gzip copy, and manifest.json maps the plain name to
the fingerprinted one. Templates link ``asset_url('pulse.css')``, so a release that changes a
file changes its address, and a browser never keeps an old stylesheet; an address that never
changes meaning can be cached for a year without asking again (``immutable``).
"""

import hashlib
import json
import mimetypes
import re
import shutil
import sys
from pathlib import Path

from flask import current_app, request, send_from_directory, url_for

from app.compress import ENCODINGS, SUFFIXES, choose_encoding, compress

BUILD = "govuk"  # the folder under app/static that make assets fills
MANIFEST = "manifest.json"
YEAR = 365 * 24 * 3600
IMMUTABLE = f"public, max-age={YEAR}, immutable"
# name.<10 hex>.ext, and the compressed copies beside it
_FINGERPRINTED = re.compile(r"\.[0-9a-f]{10}\.[a-z]+(\.br|\.gz)?$")


def fingerprinted_name(path, content):
    """'pulse.css' with this content -> 'pulse.<first 10 hex of its SHA-256>.css'."""
    digest = hashlib.sha256(content).hexdigest()[:10]
    return f"{path.stem}.{digest}{path.suffix}"


def build(out_dir, sources):
    """Write fingerprinted, compressed copies of `sources` and the manifest into `out_dir`.

    Copies from earlier builds that no longer match a source are removed, so the folder holds
    only what the manifest names.
    """
    out_dir = Path(out_dir)
    manifest = {}
    for source in map(Path, sources):
        content = source.read_bytes()
        name = fingerprinted_name(source, content)
        manifest[source.name] = name
        target = out_dir / name
        if not target.exists():
            shutil.copyfile(source, target)
        for encoding in ENCODINGS:
            packed = out_dir / (name + SUFFIXES[encoding])
            if not packed.exists():
                packed.write_bytes(compress(content, encoding, best=True))
    keep = set(manifest.values())
    for old in out_dir.iterdir():
        if (
            _FINGERPRINTED.search(old.name)
            and old.name.removesuffix(".br").removesuffix(".gz") not in keep
        ):
            old.unlink()
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def _load_manifest(app):
    path = Path(app.static_folder) / BUILD / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def asset_url(name):
    """The address of a built file by its plain name, fingerprinted once `make assets` ran."""
    manifest = current_app.extensions["pulse_assets"]
    return url_for("static", filename=f"{BUILD}/{manifest.get(name, name)}")


def _static(filename):
    """Flask's static view, except that fingerprinted files are sent compressed when the
    browser accepts it, and marked as never changing."""
    folder, _, name = filename.rpartition("/")
    if folder != BUILD or name not in current_app.extensions["pulse_assets"].values():
        return current_app.send_static_file(filename)
    directory = Path(current_app.static_folder) / BUILD
    available = [e for e in ENCODINGS if (directory / (name + SUFFIXES[e])).is_file()]
    encoding = choose_encoding(request.accept_encodings, available)
    response = send_from_directory(
        directory,
        name + SUFFIXES[encoding] if encoding else name,
        mimetype=mimetypes.guess_type(name)[0],
        max_age=YEAR,
    )
    if encoding:
        response.headers["Content-Encoding"] = encoding
    response.vary.add("Accept-Encoding")
    response.headers["Cache-Control"] = IMMUTABLE
    return response


def init_app(app):
    """Read the manifest, serve fingerprinted files, and give templates asset_url()."""
    app.extensions["pulse_assets"] = _load_manifest(app)
    app.view_functions["static"] = _static
    app.add_template_global(asset_url)


def main(argv):
    """python -m app.fingerprint OUT_DIR FILE...: build the fingerprinted copies."""
    out_dir, *sources = argv
    for plain, name in sorted(build(out_dir, sources).items()):
        print(f"{plain} -> {name}")


if __name__ == "__main__":
    main(sys.argv[1:])
