import pytest
from django.core import mail
from django_tasks import task_backends

from accounts.mail import email_render_and_enqueue
from accounts.tasks import email_send


def test_email_send_task_delivers_message():
    result = email_send.enqueue(
        subject="Hello",
        body="Body",
        from_email="a@example.org",
        to=["b@example.org"],
        html="<p>B</p>",
    )

    assert result.status == "SUCCESSFUL"
    assert [(m.subject, m.to, m.alternatives[0][0]) for m in mail.outbox] == [
        ("Hello", ["b@example.org"], "<p>B</p>")
    ]


def test_tests_run_tasks_immediately():
    assert type(task_backends["default"]).__name__ == "ImmediateBackend"


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "greeting"), [("en", "Swedish"), ("sv", "Svenska")])
def test_rendered_emails_use_the_recipients_language(language, greeting, settings, tmp_path):
    (tmp_path / "emails").mkdir()
    (tmp_path / "emails" / "hello_subject.txt").write_text(
        "{% load i18n %}{% translate 'Swedish' %}"
    )
    (tmp_path / "emails" / "hello_body.txt").write_text("{{ name }}")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]

    email_render_and_enqueue(
        template="hello", to=["x@example.org"], context={"name": "Sally"}, language=language
    )

    assert [(m.subject, m.body) for m in mail.outbox] == [(f"[Laurel] {greeting}", "Sally")]
