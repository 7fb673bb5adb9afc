"""The course's Jupyter contents manager: MyST notebooks that open clean and save byte-stable.

``make lab`` and ``make instructor`` name :class:`CourseContentsManager` in their server
settings (``jupyter/student/`` and ``jupyter/instructor/``). It is Jupytext's contents manager
with two differences, both about the kernel's ``language_info`` (Python version, lexer):

- **Open**: a text notebook without ``language_info`` gets the one the ``python3`` kernel will
  report. JupyterLab writes the kernel's ``language_info`` into a notebook when the kernel
  starts and marks it unsaved if that changed anything; with the same value already there,
  nothing changes and the notebook opens clean.
- **Save**: ``language_info`` is left out of a text notebook. Jupytext would drop it from the
  header anyway (it depends on the machine), but would first take its lexer and rewrite every
  ```` ```{code-cell} ```` as ```` ```{code-cell} ipython3 ````.

Together with the header filter in the same settings (no ``jupytext_version``), saving a
course notebook without edits rewrites it byte for byte, as many times as it is saved.
``.ipynb`` files are left as Jupyter writes them.
"""

from __future__ import annotations

import copy
from functools import lru_cache

from ipykernel.ipkernel import IPythonKernel
from jupytext import AsyncTextFileContentsManager


@lru_cache(maxsize=1)
def kernel_language_info() -> dict:
    """``language_info`` exactly as the installed ``python3`` kernel (ipykernel) reports it."""
    return copy.deepcopy(dict(IPythonKernel.language_info))


def _is_text_notebook(path: str) -> bool:
    return not path.endswith(".ipynb")


class CourseContentsManager(AsyncTextFileContentsManager):
    """Jupytext's contents manager; text notebooks open with the kernel's ``language_info``
    and are saved without it (see the module's docstring)."""

    async def get(self, path, content=True, type=None, format=None, **kwargs):
        model = await super().get(path, content=content, type=type, format=format, **kwargs)
        if content and model.get("type") == "notebook" and _is_text_notebook(path):
            metadata = model["content"]["metadata"]
            if metadata.get("kernelspec", {}).get("language", "python") == "python":
                metadata.setdefault("language_info", kernel_language_info())
        return model

    async def save(self, model, path=""):
        if model.get("type") == "notebook" and _is_text_notebook(path) and model.get("content"):
            model = dict(model)
            model["content"] = copy.copy(model["content"])
            metadata = dict(model["content"].get("metadata", {}))
            metadata.pop("language_info", None)
            model["content"]["metadata"] = metadata
        return await super().save(model, path)
