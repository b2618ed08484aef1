"""Download file names: ASCII names pass as they are, others get a safe fallback plus the UTF-8 name."""

from __future__ import annotations

import pytest

from workflow.downloads import attachment_header, download_response


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("12-yichang.docx", 'attachment; filename="12-yichang.docx"'),
        ("glossary-zh-en.tbx", 'attachment; filename="glossary-zh-en.tbx"'),
        (
            "Café 报告.txt",
            "attachment; filename=\"Cafe _.txt\"; filename*=UTF-8''Caf%C3%A9%20%E6%8A%A5%E5%91%8A.txt",
        ),
        ('a"b\r\n.txt', "attachment; filename=\"a_b_.txt\"; filename*=UTF-8''a%22b%0D%0A.txt"),
        ("../etc/passwd", "attachment; filename=\"_etc_passwd\"; filename*=UTF-8''..%2Fetc%2Fpasswd"),
        ("   ", 'attachment; filename="download"'),
    ],
)
def test_attachment_header_never_lets_a_name_break_the_header(filename, expected):
    assert attachment_header(filename) == expected


def test_download_response_carries_the_type_and_the_file_name():
    response = download_response(b"x,y\n", "text/csv; charset=utf-8", "报告.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="_.csv"; filename*=')
    assert response.get_data() == b"x,y\n"
