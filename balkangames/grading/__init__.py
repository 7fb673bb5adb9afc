"""Autograding of the nbgrader course (needs the ``grading`` extra: nbgrader).

What grading needs lives here and is imported only by the grader
(``exercises/assignments/nbgrader_config.py``, ``exercises/grade.py``); the graded kernel never
sees any of it. The kernel imports one standalone module, :mod:`balkangames_probe`.

- :mod:`~balkangames.grading.assignments`: MyST assignment documents -> nbgrader source notebooks;
- :mod:`~balkangames.grading.checks`: what each autograded cell checks, references from the package;
- :mod:`~balkangames.grading.grader`: nbgrader preprocessors (clean, execute sandboxed, judge outside);
- :mod:`~balkangames.grading.review`: the instructor's review of the code (syntax tree, not text);
- :mod:`~balkangames.grading.sandbox`: the bubblewrap sandbox of the graded kernel;
- :mod:`~balkangames.grading.feedback`: feedback without hidden tests or student output.
"""
