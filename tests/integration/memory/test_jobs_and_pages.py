"""The web upload runs as a background job with a progress page; the editor's TM panel; two workers."""

from __future__ import annotations

import io

from workflow import create_app
from workflow.extensions import db
from workflow.formats.tmx import write_tmx
from workflow.models import Job, TmEntry
from workflow.services import memory_io


def _upload(client, data: bytes, **fields):
    return client.post_form(
        "/memory/import",
        {"file": (io.BytesIO(data), "memory.tmx"), **fields},
        token_from="/memory/import",
        content_type="multipart/form-data",
    )


def test_editor_uploads_a_tmx_and_follows_the_job_to_its_result(client, auth, monkeypatch):
    monkeypatch.setattr(memory_io, "BATCH_SIZE", 4)
    published = []
    original = memory_io.publish_live_progress
    monkeypatch.setattr(
        memory_io,
        "publish_live_progress",
        lambda job_id, done, total: (published.append(done), original(job_id, done, total)),
    )
    auth.login("editor")
    data = write_tmx([(f"第{n}句。", f"Sentence {n}.") for n in range(10)], "zh-CN", "en-US")
    response = _upload(client, data, source_lang="zh", target_lang="en")
    assert response.status_code == 302
    assert "/jobs/" in response.headers["Location"]
    assert published == [4, 8, 10]  # progress between batches, outside the database

    db.session.rollback()
    job = db.session.execute(db.select(Job)).scalar_one()
    status = client.get(f"/api/v1/jobs/{job.id}", headers={"Accept": "application/json"}).get_json()
    assert status == {
        "id": job.id,
        "kind": "tm_import",
        "state": "done",
        "done": 10,
        "total": 10,
        "percent": 100,
        "message": "Imported 10 pairs.",
        "result": status["result"],
    }
    assert status["result"]["imported"] == 10 and status["result"]["source_lang"] == "zh"
    assert "path" not in str(status)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'id="job-bar"' in page and "js/jobs.js" in page and "Translation memory import" in page
    assert db.session.execute(db.select(db.func.count()).select_from(TmEntry)).scalar() == 10
    assert list(memory_io.upload_folder().glob("*.tmx")) == []  # the upload is removed after the job


def test_a_failing_upload_marks_the_job_failed_and_writes_nothing(client, auth):
    auth.login("editor")
    response = _upload(
        client, write_tmx([("Bonjour.", "Hello.")], "fr", "en"), source_lang="zh", target_lang="en"
    )
    assert response.status_code == 302
    db.session.rollback()
    job = db.session.execute(db.select(Job)).scalar_one()
    status = client.get(f"/api/v1/jobs/{job.id}").get_json()
    assert status["state"] == "failed"
    assert "none matches zh" in status["message"]
    assert db.session.execute(db.select(db.func.count()).select_from(TmEntry)).scalar() == 0


def test_translators_may_not_upload_nor_see_others_jobs(client, auth):
    auth.login("editor")
    _upload(client, write_tmx([("第一句。", "First.")], "zh", "en"))
    db.session.rollback()
    job_id = db.session.execute(db.select(Job.id)).scalar_one()
    auth.logout()
    auth.login("translator")
    assert client.get("/memory/import").status_code == 403
    assert client.get(f"/api/v1/jobs/{job_id}").status_code == 404
    assert client.get(f"/jobs/{job_id}").status_code == 404


def test_editor_panel_lists_matches_with_score_diff_origin_and_escapes(client, auth, approved_article, users):
    approved_article(
        "第一句。重要的<b>一句话</b>。第三句。", ["First.", "Important <script>x</script>.", "Third."]
    )
    from workflow.services import articles
    from workflow.services.articles import ArticleInput

    article, _summary = articles.import_article(
        ArticleInput(source_text="第一句。重要的<b>一句</b>。第三句。", source_lang="zh", target_lang="en"),
        actor=users["editor"],
    )
    segment = article.segments[1]
    auth.login("editor")
    html = client.get(f"/memory/panel/{article.id}/{segment.id}").get_data(as_text=True)
    assert 'data-target="Important &lt;script&gt;x&lt;/script&gt;."' in html
    assert "<script>x" not in html
    assert "<del>话</del>" in html or "<del>话" in html
    assert "edit distance over characters" in html
    assert "From “" in html
    search = client.get("/memory/panel/concordance?q=important&source_lang=zh&target_lang=en").get_data(
        as_text=True
    )
    assert "<mark>Important</mark> &lt;script&gt;" in search


def test_export_download(client, auth, seed_memory):
    seed_memory([("第一句。", "First.")])
    auth.login("translator")
    response = client.get("/memory/export?source_lang=zh&target_lang=en")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    assert b"<seg>First.</seg>" in response.data


def test_an_entry_added_in_one_worker_is_found_by_another(app, seed_memory):
    """Two app instances on one database stand for two server processes, each with its own index."""
    other = create_app({**app.config, "COPYDESK_TM_SYNC_SECONDS": 0})
    app.config["COPYDESK_TM_SYNC_SECONDS"] = 0
    from workflow.services.memory_lookup import find_matches

    seed_memory([("会议在北京举行。", "The meeting was held in Beijing.")])
    assert len(find_matches("zh", "en", "会议在北京举行。")) == 1  # this worker's index is now loaded
    from workflow.services.memory_sync import registry

    index = registry(app).state("zh", "en").index
    with other.app_context():
        assert [m.target for m in find_matches("zh", "en", "会议在北京举行。")] == [
            "The meeting was held in Beijing."
        ]
        memory_io.import_tmx(
            write_tmx([("会议在上海举行。", "The meeting was held in Shanghai.")], "zh", "en")
        )
        db.session.remove()
    db.session.rollback()
    targets = [m.target for m in find_matches("zh", "en", "会议在上海举行。")]
    assert targets[0] == "The meeting was held in Shanghai."
    assert registry(app).state("zh", "en").index is index and len(index) == 2  # grown, not rebuilt

    entry_id = find_matches("zh", "en", "会议在北京举行。")[0].entry_id
    from workflow.services import memory

    with other.app_context():
        from workflow.models import User

        admin = db.session.execute(db.select(User).where(User.role == "admin")).scalar_one_or_none()
        if admin is None:
            from workflow.cli.demo import seed_users

            admin = seed_users()["admin"]
        memory.delete_entry(entry_id, actor=admin)
        db.session.remove()
        other_engine = db.engine
    other_engine.dispose()
    db.session.rollback()
    find_matches("zh", "en", "无关的句子。")  # any lookup syncs: the tombstone removes the entry
    assert entry_id not in index
