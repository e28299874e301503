"""Demo content for Zhengce: reference data, policy documents, interpretations, news and topic collections.

The data lives in plain Python modules (``reference``, ``documents``, ``interpretation_data``, ``news``),
the 一图读懂 images are drawn by ``infographic``, and ``loader.load_demo()`` puts it all into the database,
idempotently. Run it with ``python manage.py load_initial_data``. Every text is written for the demo; every
name of a person, code and telephone number is fictitious or a placeholder.
"""

from .loader import load_demo

__all__ = ["load_demo"]
