"""Policy documents (政策文件), the library that lists them, and the relations between them.

Direction of dependencies (each module imports only those below it):

    library.py          PolicyIndexPage, the policy library (政策文件库)
        │
    page.py             PolicyPage (every field, the rules of saving, search text, cache tags) and PolicyPageTag,
        │               composed of the mixins and models below
        ├── editing.py          PolicyPageForm and the admin panels ──▶ change_notes.py, disclosure.py
        ├── queryset.py         PolicyPageQuerySet / PolicyPageManager ──▶ relations.py, disclosure.py
        ├── body.py             PolicyBodyMixin: articles, the Q&A answers citing them, body text, figures
        ├── relations.py        PolicyRelation and PolicyRelationsMixin (validity, what changed it)
        ├── interpretations.py  PolicyInterpretationsMixin: its interpretations (a reverse relation)
        ├── attachments.py      PolicyAttachment
        ├── change_notes.py     ChangeNote (更新记录)
        ├── following.py        what a document's followers are told (core/following.py)
        ├── business.py         涉企: the flag and the industry and region tags
        └── disclosure.py       Disclosure (公开属性)
    ..snippets (Agency, Division, Topic), ..blocks, ..validity, ..doc_numbers, core

The child rows name their page as "policies.PolicyPage", so they never import page.py. Nothing here imports the
interpretations app. Django finds the models through this package's imports; each keeps its app label, name and
fields.
"""

from ..snippets import Agency, Division, Industry, Region, Topic
from .attachments import PolicyAttachment
from .change_notes import ChangeNote
from .disclosure import NOT_DISCLOSABLE_MESSAGE, Disclosure
from .editing import PolicyPageForm
from .library import PolicyIndexPage
from .page import PolicyPage, PolicyPageTag
from .queryset import PolicyPageManager, PolicyPageQuerySet
from .relations import PolicyRelation

__all__ = [
    "Agency",
    "Division",
    "Topic",
    "Industry",
    "Region",
    "Disclosure",
    "NOT_DISCLOSABLE_MESSAGE",
    "PolicyIndexPage",
    "PolicyPage",
    "PolicyPageTag",
    "PolicyPageForm",
    "PolicyPageManager",
    "PolicyPageQuerySet",
    "PolicyAttachment",
    "PolicyRelation",
    "ChangeNote",
]
