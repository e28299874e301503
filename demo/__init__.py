"""The demo app, the top layer: everything `make run` loads, and nothing the product needs.

- ``manage.py load_initial_data``: reference data, policy documents, interpretations, news and topic collections.
  The data lives in plain Python modules (``reference``, ``documents``, ``interpretation_data``, ``news``), the
  一图读懂 images are drawn by ``infographic``, and ``loader.load_demo()`` puts it all into the database, idempotently.
- ``manage.py load_review_demo`` (``review``): 大气处 content waiting at each step of the review, for the role
  accounts ``setup_roles`` creates.

Every text is written for the demo; every name of a person, code and telephone number is fictitious or a placeholder.
"""
