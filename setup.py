"""Build step: a wheel or a non-editable `pip install .` ships the glossary inside the package.

`glossary/` at the top level stays the one editable source (terminologists edit it, an editable
install and the tests read it there); building copies its CSV files and README into
`workbench/glossary_data/`, where `workbench.glossary.DEFAULT_DIR` finds them when the source
tree is not there. No symlinks, nothing duplicated in git.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildWithGlossary(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "workbench" / "glossary_data"
        target.mkdir(parents=True, exist_ok=True)
        for source in sorted((HERE / "glossary").iterdir()):
            if source.suffix in (".csv", ".md"):
                shutil.copy2(source, target / source.name)


setup(cmdclass={"build_py": BuildWithGlossary})
