"""What citizens may type that a search engine could choke on."""

# Input a search must answer with a normal results page: query syntax, control characters, emoji, length.
HOSTILE_QUERIES = [
    '"',
    "'",
    "(",
    "大气 AND (",
    "AND OR NOT",
    "title:大气",
    "NEAR(大气 排污)",
    "*?~^-",
    "[2020]",
    "\\",
    "/大气/",
    "{{x}}",
    "<script>alert(1)</script>",
    "a" * 10000,
    "\x00\x01\x1b",
    "🌏🌳",
]
