"""How the policy library may order documents (PolicyPageQuerySet.sorted_by, the filter form's choices)."""


class Sort:
    """最新 and 最早 by publication date, 相关度 with a keyword."""

    NEWEST, OLDEST, RELEVANCE = "newest", "oldest", "relevance"
