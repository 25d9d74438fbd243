"""The mkdocs-macros adapter, driven the way `mkdocs serve` drives it: define_env again and again."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import sys
sys.path.insert(0, sys.argv[1])
import macros

class Env:
    def __init__(self):
        self.project_dir, self.page = sys.argv[1], None
        self.variables, self.macros, self.filters = {}, {}, {}
    def macro(self, fn, name): self.macros[name] = fn
    def filter(self, fn, name): self.filters[name] = fn

def render():
    env = Env()
    macros.define_env(env)
    return str(env.macros["contacts"](["wortschatz"]))

before = render()
root = sys.argv[1]
code = root + "/macros/render/contacts.py"
text = open(code, encoding="utf-8").read()
open(code, "w", encoding="utf-8").write(text.replace('class_="ziq-contact")', 'class_="ziq-contact ziq-edited")'))
data = root + "/data/contacts.yml"
text = open(data, encoding="utf-8").read()
open(data, "w", encoding="utf-8").write(text.replace("Projekt „Wortschatz“ der Lebendigen Bibliothek", "Geänderte Funktion"))
after = render()
print("code" if "ziq-edited" in after and "ziq-edited" not in before else "stale code")
print("data" if "Geänderte Funktion" in after and "Geänderte Funktion" not in before else "stale data")
"""


def test_a_rebuild_sees_edited_code_and_data(project: Path):
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(project)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["code", "data"]


def test_invalid_data_stops_with_the_german_report(project: Path):
    contacts = project / "data" / "contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8").replace("kind: team", "kind: gruppe", 1),
                        encoding="utf-8")
    script = SCRIPT.split("before = render()")[0] + "render()\n"
    done = subprocess.run([sys.executable, "-c", script, str(project)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1
    assert "data/contacts.yml:" in done.stderr and "Ungültiger Wert „gruppe“" in done.stderr
    assert "Traceback" not in done.stderr
