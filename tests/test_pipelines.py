"""The CI pipelines, read offline: every merge request (GitLab) and pull request (GitHub) builds
a preview of the site for staff, broken data stop it with the German report, and test, publish
and deploy run as before."""

from __future__ import annotations

import re

import pytest
import yaml

from helpers import ROOT

GITLAB = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
GITHUB = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
GITLAB_KEYWORDS = {"image", "variables", "cache", "stages", "workflow", "default", "include"}

# The variables GitLab sets for each kind of pipeline (those the rules here read).
MERGE_REQUEST = {"CI_PIPELINE_SOURCE": "merge_request_event", "CI_MERGE_REQUEST_IID": "7"}
PUSH_WITH_MERGE_REQUEST = {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "telefon-wortschatz",
                           "CI_OPEN_MERGE_REQUESTS": "stadt-bottrop/website!7"}
PUSH_TO_BRANCH = {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "telefon-wortschatz"}
PUSH_TO_MAIN = {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "main"}
SCHEDULE = {"CI_PIPELINE_SOURCE": "schedule", "CI_COMMIT_BRANCH": "main"}

_COMPARISON = re.compile(r'^\$(\w+)\s*(==|!=)\s*"([^"]*)"$')
_PRESENT = re.compile(r"^\$(\w+)$")


def _condition(expression: str, variables: dict[str, str]) -> bool:
    """GitLab's `rules:if` for the forms used in .gitlab-ci.yml; anything else fails the test."""
    result = True
    for part in expression.split("&&"):
        part = part.strip()
        if match := _COMPARISON.match(part):
            name, operator, value = match.groups()
            result &= (variables.get(name) == value) == (operator == "==")
        elif match := _PRESENT.match(part):
            result &= bool(variables.get(match.group(1)))
        else:
            raise AssertionError(f"this test cannot read the rule {expression!r}: extend _condition")
    return result


def _rules_allow(rules: list[dict] | None, variables: dict[str, str]) -> bool:
    if rules is None:
        return True
    for rule in rules:
        if "if" not in rule or _condition(rule["if"], variables):
            return rule.get("when", "on_success") != "never"
    return False


def gitlab_jobs(variables: dict[str, str]) -> set[str]:
    """The jobs of the pipeline GitLab would create; empty when it creates none."""
    if not _rules_allow((GITLAB.get("workflow") or {}).get("rules"), variables):
        return set()
    return {name for name, job in GITLAB.items()
            if name not in GITLAB_KEYWORDS and not name.startswith(".") and _rules_allow(job.get("rules"), variables)}


@pytest.mark.parametrize("variables, expected", [
    (MERGE_REQUEST, {"test", "preview"}),
    (PUSH_WITH_MERGE_REQUEST, set()),  # the merge request pipeline runs instead, not twice
    (PUSH_TO_BRANCH, {"test"}),
    (PUSH_TO_MAIN, {"test", "pages"}),
    (SCHEDULE, {"weekly"}),
], ids=["merge request", "push with merge request", "push to a branch", "push to main", "schedule"])
def test_gitlab_runs_the_right_jobs_for_each_pipeline(variables, expected):
    assert gitlab_jobs(variables) == expected


def test_gitlab_still_tests_and_publishes_before_deploying():
    assert GITLAB["test"]["script"] == ["make check", "make lint", "make test", "make publish"]
    assert GITLAB["pages"]["needs"] == ["test"]
    assert GITLAB["pages"]["script"] == ["rm -rf public && mv site public"]
    assert GITLAB["variables"]["GIT_DEPTH"] == "0"  # the "Stand" dates need the history


def test_gitlab_merge_request_gets_a_linked_preview_or_the_german_report():
    job = GITLAB["preview"]
    script = job["script"]
    # Broken data stop the job at the check, whose German report ends the log; then the build.
    assert script[:2] == ["make check", "make site"]
    artifacts = job["artifacts"]
    # GitLab's own rules for expose_as (lib/gitlab/ci/config/entry/artifacts.rb): letters,
    # digits, "-", "_" and spaces, at most 100; paths without "*"; a folder written with its
    # trailing slash, or the merge request shows no link.
    assert re.fullmatch(r"[A-Za-z0-9_][-A-Za-z0-9_ ]*", artifacts["expose_as"]) and len(artifacts["expose_as"]) <= 100
    assert artifacts["paths"] == ["site/"]
    assert artifacts.get("when", "on_success") == "on_success"  # no preview of a failed build
    # "View app" opens the start page from the job's artifacts.
    assert job["environment"]["url"] == "$CI_JOB_URL/artifacts/file/site/index.html"
    assert "$CI_COMMIT_REF_SLUG" in job["environment"]["name"]
    assert "needs" not in job  # does not wait for the test job, which fails while data are examples


def test_make_site_is_the_strict_build_that_keeps_example_data():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^site: .*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert "mkdocs build --strict" in recipe and "publish" not in recipe


def test_github_still_tests_publishes_and_deploys_from_main():
    triggers = GITHUB.get("on", GITHUB.get(True))  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    steps = [step.get("run") for step in GITHUB["jobs"]["build"]["steps"]]
    assert steps.index("make test") < steps.index("make publish")
    assert GITHUB["jobs"]["deploy"]["if"] == "github.ref == 'refs/heads/main' && github.event_name == 'push'"


def test_github_pull_request_uploads_the_preview():
    job = GITHUB["jobs"]["preview"]
    assert job["if"] == "github.event_name == 'pull_request'"
    steps = job["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["fetch-depth"] == 0
    runs = [step.get("run") for step in steps]
    assert runs.index("make check") < runs.index("make site")
    upload = next(step for step in steps if str(step.get("uses", "")).startswith("actions/upload-artifact@"))
    assert steps.index(upload) > runs.index("make site")
    assert upload["with"]["path"] == "site" and upload["with"]["name"]
    # The summary of the run links the download (GitHub shows no page of it in the pull request).
    summary = steps[steps.index(upload) + 1]
    assert "GITHUB_STEP_SUMMARY" in summary["run"]
    assert summary["env"]["ARTIFACT_URL"] == "${{ steps.%s.outputs.artifact-url }}" % upload["id"]
