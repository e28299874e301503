"""What every interpretation page shows, whatever its kind."""

from tests.pages import section


def assert_common_parts(html, page, doc, kind_label):
    """Every interpretation page: meta tags, breadcrumb, one h1, kind label and the interpreted document."""
    assert f'<meta name="ArticleTitle" content="{page.title}">' in html
    assert '<meta name="ColumnName" content="政策解读">' in html
    assert f'<meta name="PubDate" content="{page.date_published:%Y-%m-%d}">' in html
    assert '<a href="/jiedu/">政策解读</a>' in section(html, '<nav class="breadcrumb"', "</nav>")
    assert html.count("<h1") == 1
    assert f'<span class="kind-label">{kind_label}</span>' in html
    assert 'class="print-button"' in html
    cards = section(html, 'id="policies"')
    assert "解读的政策文件" in cards
    assert f'<a href="{doc.url}">浙江省大气污染防治办法</a>' in cards
    assert "浙环发〔2020〕12号" in cards
    assert "浙江省生态环境厅" in cards
    assert "2020年6月10日" in cards
