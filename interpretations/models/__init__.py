"""Interpretations (政策解读): one base page linked to the documents it interprets, and a page type per kind.

Direction of dependencies (each module imports only those below it; kinds never import each other):

    index.py         InterpretationIndexPage, the list of all interpretations (政策解读栏目)
    text.py          文字解读       TextInterpretationPage, SectionBlock
    qa.py            简明问答       QAInterpretationPage, QuestionAnswer
    infographic.py   一图读懂       InfographicInterpretationPage, InfographicImage
    expert.py        专家解读       ExpertInterpretationPage
    media.py         音视频解读     MediaInterpretationPage
    leader.py        领导解读       LeaderInterpretationPage
        │ each imports
        ▼
    base.py          Kind, InterpretationPage (its form and manager), PolicyLink ──▶ change_notes.py, following.py
        │
        ▼
    policies.models, ..snippets (Person), core

Django finds the models through this package's imports; each keeps its app label, name and fields.
"""

from .base import InterpretationPage, InterpretationPageForm, Kind, PolicyLink, _html_text
from .change_notes import InterpretationChangeNote
from .expert import ExpertInterpretationPage
from .index import InterpretationIndexPage
from .infographic import InfographicImage, InfographicInterpretationPage
from .leader import LeaderInterpretationPage
from .media import MediaInterpretationPage
from .qa import QAInterpretationPage, QuestionAnswer
from .text import SectionBlock, TextInterpretationPage

__all__ = [
    "InterpretationChangeNote",
    "Kind",
    "InterpretationPage",
    "InterpretationPageForm",
    "PolicyLink",
    "InterpretationIndexPage",
    "TextInterpretationPage",
    "SectionBlock",
    "QAInterpretationPage",
    "QuestionAnswer",
    "InfographicInterpretationPage",
    "InfographicImage",
    "ExpertInterpretationPage",
    "MediaInterpretationPage",
    "LeaderInterpretationPage",
    "_html_text",
]
