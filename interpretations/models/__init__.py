"""Interpretation models (being split into a module per kind)."""

from .base import (  # noqa: F401
    ExpertInterpretationPage,
    InfographicImage,
    InfographicInterpretationPage,
    InterpretationIndexPage,
    InterpretationPage,
    InterpretationPageForm,
    Kind,
    LeaderInterpretationPage,
    MediaInterpretationPage,
    PolicyLink,
    QAInterpretationPage,
    QuestionAnswer,
    SectionBlock,
    TextInterpretationPage,
    _html_text,
)
