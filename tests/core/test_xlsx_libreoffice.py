"""Every XLSX writer's workbook opens in LibreOffice and prints: ``soffice --headless
--convert-to pdf`` turns each into a PDF that carries its About sheet and its tables.

Without ``soffice`` the test skips, saying how to install it, unless
REQUIRE_LIBREOFFICE=1 (set by .ci/run, whose ``make test`` installs Debian's
libreoffice-calc-nogui) makes that a failure: CI never passes without opening them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.core.xlsx_cases import CASES

# A cold start of LibreOffice on a busy 2-CPU machine takes tens of seconds.
CONVERT_TIMEOUT_SECONDS = 300


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    message = (
        "LibreOffice is not installed: run `make libreoffice` as root "
        "(apt-get install libreoffice-calc-nogui) to open the workbooks in it."
    )
    if os.environ.get("REQUIRE_LIBREOFFICE") == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.mark.django_db
def test_libreoffice_prints_every_writers_workbook_to_pdf(tmp_path: Path) -> None:
    soffice = _soffice()
    written = {writer.replace(".", "-"): case() for writer, case in CASES.items()}
    workbooks = []
    for stem, each in written.items():
        path = tmp_path / f"{stem}.xlsx"
        path.write_bytes(each.content)
        workbooks.append(str(path))
    out = tmp_path / "pdf"
    # Its own profile and HOME: no shared state with another run or the user's settings.
    profile = tmp_path / "profile"
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *workbooks,
        ],
        env={**os.environ, "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=CONVERT_TIMEOUT_SECONDS,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    for stem, each in written.items():
        pdf = out / f"{stem}.pdf"
        assert pdf.exists(), f"no PDF for {stem}: {result.stdout} {result.stderr}"
        assert pdf.read_bytes().startswith(b"%PDF")
        text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
        assert "What this is" in text, f"{stem}: the About sheet printed"
        for header in (each.date, each.percent, each.rate):
            if header:
                assert header in text, f"{stem}: the {header!r} column printed"
        for figure in each.printed:
            assert figure in text, f"{stem}: {figure} printed with its number format"


def test_without_libreoffice_ci_fails_instead_of_skipping(monkeypatch) -> None:
    monkeypatch.setenv("PATH", "")
    monkeypatch.setenv("REQUIRE_LIBREOFFICE", "1")

    with pytest.raises(pytest.fail.Exception, match="libreoffice-calc-nogui"):
        _soffice()
