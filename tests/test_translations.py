"""Every string we write in bokmål has a nynorsk and an English translation.

Runs `makemessages` for nn and en over a copy of the source, so a string
added to a template or a model without a translation fails here, not in
front of a nynorsk municipality. Needs GNU gettext (msgfmt, msgattrib), as
makemessages itself does. `make messages` updates the catalogues.
"""

import gettext
import shutil
import subprocess
import sys

import pytest

from django.conf import settings

LANGUAGES = ["nn", "en"]
SKIP = shutil.ignore_patterns(
    ".*", "__pycache__", "media", "staticfiles", "node_modules", "db.sqlite3*", "*.mo"
)


def catalogues(root):
    return sorted(
        path
        for path in root.glob("**/locale/*/LC_MESSAGES/django.po")
        if path.parts[-3] in LANGUAGES and ".venv" not in path.parts
    )


def entries(po, *flags):
    """msgids of the entries msgattrib selects (the header left out)."""
    out = subprocess.run(
        ["msgattrib", *flags, "--no-obsolete", "--no-wrap", str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [
        line.removeprefix("msgid ")
        for line in out.splitlines()
        if line.startswith("msgid ") and line != 'msgid ""'
    ]


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    if shutil.which("msgattrib") is None:
        pytest.fail("GNU gettext is not installed: apt-get install gettext")
    root = tmp_path_factory.mktemp("source") / "src"
    shutil.copytree(settings.BASE_DIR, root, ignore=SKIP)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--no-location",
            "--no-obsolete",
            "--ignore=tests",
        ]
        + [f"--locale={code}" for code in LANGUAGES],
        cwd=root,
        capture_output=True,
        check=True,
    )
    return root


def test_it_has_catalogues_for_every_app_in_nynorsk_and_english():
    apps = {po.relative_to(settings.BASE_DIR).parts[0:-4] for po in catalogues(settings.BASE_DIR)}
    assert apps == {
        ("courses",),
        ("learning",),
        ("learning", "accounts"),
        ("learning", "privacy"),
        ("tenants",),
    }
    assert len(catalogues(settings.BASE_DIR)) == 10


def test_it_translates_every_string_in_the_source(regenerated):
    missing = {
        str(po.relative_to(regenerated)): entries(po, "--untranslated")
        for po in catalogues(regenerated)
    }
    assert {po: ids for po, ids in missing.items() if ids} == {}


def test_it_has_no_fuzzy_translations(regenerated):
    fuzzy = {
        str(po.relative_to(regenerated)): entries(po, "--only-fuzzy")
        for po in catalogues(regenerated)
    }
    assert {po: ids for po, ids in fuzzy.items() if ids} == {}


def test_it_ships_compiled_catalogues_that_match_the_po_files(tmp_path):
    every_po = [
        po
        for po in settings.BASE_DIR.glob("**/locale/*/LC_MESSAGES/*.po")
        if ".venv" not in po.parts
    ]
    assert len(every_po) == 12  # nn and en of five apps, and Wagtail's nb (django, djangojs)
    for po in every_po:
        compiled = tmp_path / "fresh.mo"
        subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(po)], check=True)
        with compiled.open("rb") as fresh, po.with_suffix(".mo").open("rb") as shipped:
            expected = gettext.GNUTranslations(fresh)._catalog
            assert gettext.GNUTranslations(shipped)._catalog == expected, (
                f"{po.with_suffix('.mo')} is stale: run `make messages`"
            )
