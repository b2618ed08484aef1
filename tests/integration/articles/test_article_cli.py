"""``flask articles import|export`` from the shell."""

from __future__ import annotations

from pathlib import Path

from workflow.extensions import db
from workflow.models import Article

DEMO = Path(__file__).resolve().parents[3] / "workflow" / "data" / "demo"


def test_cli_import_with_mt_and_export(runner, users, tmp_path):
    result = runner.invoke(
        args=[
            "articles",
            "import",
            str(DEMO / "yichang_zh.txt"),
            "--source-lang",
            "zh",
            "--target-lang",
            "en",
            "--mt",
            str(DEMO / "yichang_mt_en.txt"),
            "--title",
            "Yichang",
            "--date",
            "2022-08-30",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "alignment: sentence" in result.output
    article = db.session.execute(db.select(Article)).scalar_one()
    assert article.title == "Yichang" and str(article.article_date) == "2022-08-30"
    out = tmp_path / "a.docx"
    exported = runner.invoke(args=["articles", "export", str(article.id), "--format", "docx", "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    assert out.read_bytes()[:2] == b"PK"


def test_cli_import_refuses_a_bad_date(runner, users):
    result = runner.invoke(
        args=[
            "articles",
            "import",
            str(DEMO / "yichang_zh.txt"),
            "--target-lang",
            "en",
            "--date",
            "30.8.2022",
        ]
    )
    assert result.exit_code != 0
    assert "YYYY-MM-DD" in result.output
    assert db.session.execute(db.select(db.func.count(Article.id))).scalar_one() == 0
