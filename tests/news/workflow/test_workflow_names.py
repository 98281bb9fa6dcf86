"""The product's workflow and task names show in the user's language and are stored once."""

from django.utils import translation

from wagtail.models import Task, Workflow

from news.workflow.actions import WORKFLOW_NAME


def test_names_follow_the_active_language(staff):
    with translation.override("ru"):
        assert Workflow.objects.get(name=WORKFLOW_NAME).name == "Утверждение релиза"
        assert "Утверждение редактором" in {task.specific.name for task in Task.objects.all()}
    with translation.override("en"):
        assert Workflow.objects.get(name=WORKFLOW_NAME).name == "Release approval"


def test_saving_a_shown_name_keeps_the_stored_one(staff):
    with translation.override("ru"):
        Workflow.objects.get(name=WORKFLOW_NAME).save()
    assert Workflow.objects.filter(name=WORKFLOW_NAME).exists()


def test_a_renamed_workflow_keeps_its_new_name(staff):
    with translation.override("ru"):
        workflow = Workflow.objects.get(name=WORKFLOW_NAME)
        workflow.name = "Согласование"
        workflow.save()
    assert Workflow.objects.filter(name="Согласование").exists()


def test_the_workflow_report_names_the_workflow_in_russian(staff, login):
    response = login(staff["editor"]).get("/admin/reports/workflow/")
    assert response.status_code == 200
    assert "Утверждение релиза" in response.content.decode()
